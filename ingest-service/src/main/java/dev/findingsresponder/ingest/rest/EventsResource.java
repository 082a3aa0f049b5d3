package dev.findingsresponder.ingest.rest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.findingsresponder.ingest.IngestOutcome;
import dev.findingsresponder.ingest.IngestPipeline;
import dev.findingsresponder.ingest.config.IngestConfig;
import dev.findingsresponder.model.DeadLetter;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.decode.RejectReason;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /events}: one EventBridge event or a JSON array of them, as an EventBridge API
 * destination sends them, authenticated by an API key header. Answers only after Kafka acknowledged
 * every write: 202 when every event was accepted, 400 naming each rejected event (those went to the
 * DLQ; the others were accepted), 401 without a valid key, 413 above the body limit or when the body is one event
 * above the per-event limit ({@code ingest.max-event-bytes}; it went to the DLQ, and the answer gives the reason as a
 * 400 would), 503 when Kafka did not acknowledge in time (the sender should retry). In a batch an event above the
 * per-event limit is one rejected index of a 400, like any other.
 */
@Path("/events")
@PermitAll // checks the EventBridge connection key itself (ApiKeyCheck)
public class EventsResource {

    private static final Logger LOG = Logger.getLogger(EventsResource.class);
    private static final String OVERSIZED = RejectReason.OVERSIZED.name();

    private final IngestPipeline pipeline;
    private final IngestConfig.Http config;
    private final ApiKeyCheck apiKey;
    private final int maxEventBytes;

    public EventsResource(IngestPipeline pipeline, IngestConfig config, ApiKeyCheck apiKey) {
        this.pipeline = pipeline;
        this.config = config.http();
        this.apiKey = apiKey;
        this.maxEventBytes = config.maxEventBytes();
    }

    /** On a worker thread: normalizing is CPU work, and a Kafka send can block while the broker is unreachable. */
    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> receive(byte[] body, RoutingContext rc) {
        BodyDeadline.bodyReceived(rc);
        HttpServerRequest request = rc.request();
        if (!apiKey.authorized(request)) {
            return Uni.createFrom().item(apiKey.unauthorized());
        }
        String remote = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        List<byte[]> events = split(body);
        if (events.isEmpty()) {
            return Uni.createFrom().item(error(Response.Status.BAD_REQUEST, "empty batch: the JSON array holds no event"));
        }
        List<Uni<IngestOutcome>> outcomes = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            outcomes.add(pipeline.ingest(events.get(i), DeadLetter.Origin.http(remote, i)));
        }
        boolean oneEventTooLarge = events.size() == 1 && events.get(0) == body && body.length > maxEventBytes;
        return Uni.join().all(outcomes).andFailFast()
                .ifNoItem().after(config.ackTimeout()).fail()
                .map(all -> answer(all, oneEventTooLarge))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("POST /events from %s not acknowledged by Kafka: %s", remote, failure.toString());
                    return error(Response.Status.SERVICE_UNAVAILABLE, "not stored: Kafka did not acknowledge the write; retry");
                });
    }

    /**
     * A JSON array becomes one input per element, each the element's bytes exactly as received (so its dead letter
     * and SHA-256 are of what the sender sent); anything else, a broken array included, is one input, judged by the
     * pipeline.
     */
    static List<byte[]> split(byte[] body) {
        if (!startsWithBracket(body)) {
            return List.of(body);
        }
        try (JsonParser parser = FindingCodec.mapper().createParser(body)) {
            parser.nextToken();
            List<byte[]> events = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    return List.of(body);
                }
                long start = parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                parser.finishToken();
                long end = parser.currentLocation().getByteOffset();
                events.add(Arrays.copyOfRange(body, (int) start, (int) end));
            }
            return parser.nextToken() == null ? events : List.of(body);
        } catch (IOException | RuntimeException notJson) {
            return List.of(body);
        }
    }

    private static boolean startsWithBracket(byte[] body) {
        int from = hasUtf8Bom(body) ? 3 : 0;
        for (int i = from; i < body.length; i++) {
            byte b = body[i];
            if (b == '[') {
                return true;
            }
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return false;
    }

    /** A UTF-8 byte order mark, which Jackson skips and some senders put before the JSON. */
    private static boolean hasUtf8Bom(byte[] body) {
        return body.length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF;
    }

    private static Response answer(List<IngestOutcome> outcomes, boolean oneEventTooLarge) {
        int published = 0;
        int duplicates = 0;
        List<Map<String, Object>> rejected = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            IngestOutcome outcome = outcomes.get(i);
            published += outcome.published();
            duplicates += outcome.duplicates();
            if (outcome.rejected()) {
                rejected.add(Map.of("index", i, "reason", outcome.reason(), "detail", outcome.detail()));
            }
        }
        Map<String, Object> body = Map.of(
                "events", outcomes.size(),
                "findingsPublished", published,
                "duplicates", duplicates,
                "rejected", rejected);
        Response.Status status = rejected.isEmpty() ? Response.Status.ACCEPTED
                : oneEventTooLarge && OVERSIZED.equals(outcomes.get(0).reason()) ? Response.Status.REQUEST_ENTITY_TOO_LARGE
                : Response.Status.BAD_REQUEST;
        return Response.status(status).entity(body).build();
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).entity(Map.of("error", message)).build();
    }
}
