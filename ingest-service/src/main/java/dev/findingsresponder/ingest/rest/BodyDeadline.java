package dev.findingsresponder.ingest.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.findingsresponder.ingest.config.IngestConfig;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every request with a body {@code ingest.http.body-timeout} to deliver it: a client that dribbles it (one byte
 * now and then, so the idle timeout never fires) gets 408 and its connection is closed, instead of holding a
 * connection and a partly buffered body for as long as it likes. Every path, not only {@code /events}: the REST layer
 * also routes {@code /events;x=1} there, and a slow body holds a connection whichever path it names. Time spent after
 * the body arrived (normalizing, waiting for Kafka) is not counted: the ack timeout covers that. The body counts as
 * arrived when the request ended, when its Content-Length bytes were read, or when the resource said so
 * ({@link #bodyReceived}): Vert.x may report a request as not ended while the REST layer holds it paused.
 */
@ApplicationScoped
public class BodyDeadline {

    private static final Logger LOG = Logger.getLogger(BodyDeadline.class);
    /** Before the REST routes, so the clock starts when the headers are in. */
    private static final int ORDER = -10;
    private static final String TIMER = BodyDeadline.class.getName() + ".timer";

    private final long timeoutMillis;

    public BodyDeadline(IngestConfig config) {
        this.timeoutMillis = Math.max(1, config.http().bodyTimeout().toMillis());
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::startClock);
    }

    /** The whole body is in (the resource has it): the deadline no longer applies to {@code rc}. */
    static void bodyReceived(RoutingContext rc) {
        Long timer = rc.get(TIMER);
        if (timer != null) {
            rc.vertx().cancelTimer(timer);
        }
    }

    private void startClock(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String length = request.getHeader("Content-Length");
        if (length == null && request.getHeader("Transfer-Encoding") == null) {
            rc.next(); // no body
            return;
        }
        long expected = contentLength(length);
        long timer = rc.vertx().setTimer(timeoutMillis, id -> {
            boolean arrived = request.isEnded() || (expected >= 0 && request.bytesRead() >= expected);
            if (!arrived && !rc.response().ended()) {
                LOG.warnf("%s %s from %s: body not complete after %d ms, answering 408", request.method(),
                        request.path(), remote(request), timeoutMillis);
                rc.response().setStatusCode(408).putHeader("Connection", "close")
                        .putHeader("Content-Type", "application/json")
                        .end("{\"error\":\"request body not received within " + timeoutMillis + " ms\"}")
                        .onComplete(done -> request.connection().close());
            }
        });
        rc.put(TIMER, timer);
        rc.addEndHandler(done -> rc.vertx().cancelTimer(timer));
        rc.next();
    }

    private static long contentLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String remote(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
