package dev.findingsresponder.ingest.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.findingsresponder.ingest.config.IngestConfig;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every {@code /events} request {@code ingest.http.body-timeout} to deliver its body: a client that dribbles
 * it (one byte now and then, so the idle timeout never fires) gets 408 and its connection is closed, instead of
 * holding a connection and a partly buffered body for as long as it likes. Time spent after the body arrived
 * (waiting for Kafka) is not counted: the ack timeout covers that.
 */
@ApplicationScoped
public class BodyDeadline {

    private static final Logger LOG = Logger.getLogger(BodyDeadline.class);
    /** Before the REST routes, so the clock starts when the headers are in. */
    private static final int ORDER = -10;

    private final long timeoutMillis;

    public BodyDeadline(IngestConfig config) {
        this.timeoutMillis = Math.max(1, config.http().bodyTimeout().toMillis());
    }

    void install(@Observes Router router) {
        router.route("/events").order(ORDER).handler(this::startClock);
    }

    private void startClock(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        long timer = rc.vertx().setTimer(timeoutMillis, id -> {
            if (!request.isEnded() && !rc.response().ended()) {
                LOG.warnf("POST /events from %s: body not complete after %d ms, answering 408", remote(request),
                        timeoutMillis);
                rc.response().setStatusCode(408).putHeader("Connection", "close")
                        .putHeader("Content-Type", "application/json")
                        .end("{\"error\":\"request body not received within " + timeoutMillis + " ms\"}")
                        .onComplete(done -> request.connection().close());
            }
        });
        rc.addEndHandler(done -> rc.vertx().cancelTimer(timer));
        rc.next();
    }

    private static String remote(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
