package dev.findingsresponder.ingest.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A hand-driven HTTP/1.1 connection, for clients no HTTP library would be: slow, oversized, never finishing. */
final class RawHttp implements AutoCloseable {

    static final String API_KEY_HEADER = "x-api-key: test-api-key\r\n";

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private long sent;

    RawHttp(int port, int readTimeoutMillis) {
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(readTimeoutMillis);
            out = socket.getOutputStream();
            in = socket.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request line and headers of a POST /events with the test API key, {@code extra} headers included. */
    static String postHead(String extra) {
        return postHead("/events", extra);
    }

    /** As {@link #postHead(String)}, to {@code path}. */
    static String postHead(String path, String extra) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + API_KEY_HEADER + extra
                + "\r\n";
    }

    /** Writes {@code text}; false once the server closed the connection. */
    boolean write(String text) {
        return write(text.getBytes(StandardCharsets.US_ASCII));
    }

    boolean write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            sent += bytes.length;
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    /** Bytes written so far. */
    long sent() {
        return sent;
    }

    /** The status code of the response (reads the status line), or -1 when the connection ended without one. */
    int status() {
        StringBuilder line = new StringBuilder();
        try {
            for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
                line.append((char) c);
            }
        } catch (IOException e) {
            return -1;
        }
        String[] parts = line.toString().split(" ");
        return parts.length >= 2 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed by the server
        }
    }
}
