package dev.findingsresponder.ingest.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import dev.findingsresponder.ingest.config.IngestConfig;
import dev.findingsresponder.ingest.drill.DrillRunner;
import dev.findingsresponder.model.drill.DrillSpec;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /drills}: generates sample GuardDuty findings into {@code findings.raw} so a team can drill its
 * playbooks end to end; the service's own pipeline then normalizes them like any event. Same API key as
 * {@code POST /events}. Answers 202 {@code {type, sent, findings, eventIds (first 100), durationMs}} once the
 * broker acknowledged every event; 400 for a bad spec, a drill above {@code ingest.drill.max-count} events or one
 * that would take longer than {@code ingest.drill.max-duration}; 401 without the key; 503 when Kafka did not
 * acknowledge (some events may have been sent: {@code sent} says how many).
 */
@Path("/drills")
@PermitAll // checks the EventBridge connection key itself (ApiKeyCheck)
public class DrillsResource {

    private static final Logger LOG = Logger.getLogger(DrillsResource.class);

    private final ApiKeyCheck apiKey;
    private final DrillRunner runner;
    private final IngestConfig.Drill limits;

    public DrillsResource(ApiKeyCheck apiKey, DrillRunner runner, IngestConfig config) {
        this.apiKey = apiKey;
        this.runner = runner;
        this.limits = config.drill();
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response start(byte[] body, HttpServerRequest request) {
        if (!apiKey.authorized(request)) {
            return apiKey.unauthorized();
        }
        DrillSpec spec;
        double rate;
        try {
            DrillRequest drill = DrillRequest.read(body);
            spec = drill.toSpec();
            rate = drill.rateOrZero();
            checkLimits(spec, rate);
        } catch (IllegalArgumentException e) {
            return error(Response.Status.BAD_REQUEST, e.getMessage(), null);
        }
        String remote = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        DrillRunner.Report report;
        try {
            report = runner.run(spec, rate);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(Response.Status.SERVICE_UNAVAILABLE, "interrupted while sending the drill", null);
        }
        if (report.failure() != null) {
            LOG.warnf("drill %s from %s: %d of %d events acknowledged: %s", spec.type().drillName(), remote,
                    report.sent(), spec.events(), report.failure());
            return error(Response.Status.SERVICE_UNAVAILABLE, "Kafka did not acknowledge every drill event ("
                    + report.sent() + " of " + spec.events() + " sent): " + report.failure(), report.sent());
        }
        LOG.infof("drill %s from %s: %d events (%d findings, accounts %s) sent to findings.raw in %d ms",
                spec.type().drillName(), remote, report.sent(), spec.count(), spec.accounts(), report.millis());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("type", spec.type().drillName());
        answer.put("sent", report.sent());
        answer.put("findings", spec.count());
        answer.put("eventIds", report.eventIds());
        answer.put("durationMs", report.millis());
        return Response.status(Response.Status.ACCEPTED).entity(answer).build();
    }

    /** The operator's caps: events per drill, and how long a paced drill may hold the request. */
    private void checkLimits(DrillSpec spec, double rate) {
        if (spec.events() > limits.maxCount()) {
            throw new IllegalArgumentException("a drill of " + spec.events() + " events (count " + spec.count()
                    + " x repeat " + spec.repeat() + ") is above the limit of " + limits.maxCount()
                    + " events (ingest.drill.max-count); use the drill command for larger drills");
        }
        if (rate > 0) {
            double seconds = spec.events() / rate;
            if (seconds > limits.maxDuration().toMillis() / 1000.0) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "at %s events per second, %d events take %.1f s, longer than the %d s a drill may take "
                                + "(ingest.drill.max-duration): raise the rate or lower the count",
                        rate, spec.events(), seconds, limits.maxDuration().toSeconds()));
            }
        }
    }

    private static Response error(Response.Status status, String message, Integer sent) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (sent != null) {
            body.put("sent", sent);
        }
        return Response.status(status).entity(body).build();
    }
}
