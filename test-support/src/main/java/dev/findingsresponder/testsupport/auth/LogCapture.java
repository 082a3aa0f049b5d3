package dev.findingsresponder.testsupport.auth;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * Captures everything logged in this JVM (the service under {@code @QuarkusTest} included) from {@link #start()} to
 * {@link #close()}, down to DEBUG: each record's formatted message, its MDC and its exception with stack trace.
 */
public final class LogCapture implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder().append(record.getLevel()).append(' ')
                    .append(record.getLoggerName()).append(": ");
            line.append(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            if (record instanceof ExtLogRecord ext && !ext.getMdcCopy().isEmpty()) {
                line.append(" mdc=").append(ext.getMdcCopy());
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append('\n').append(trace);
            }
            synchronized (lines) {
                lines.add(line.toString());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture() {
    }

    /** Starts capturing on the root logger. */
    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.handler.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture.handler);
        return capture;
    }

    /** What was captured so far. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The captured lines that contain any of {@code secrets} in full, each secret replaced by its name. */
    public List<String> linesContainingAny(Collection<String> secrets) {
        return lines().stream().filter(line -> secrets.stream().anyMatch(line::contains))
                .map(line -> SecretValues.masked(line, secrets)).toList();
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
    }
}
