package dev.findingsresponder.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;


import dev.findingsresponder.model.DeadLetter;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.testsupport.EventFixtures;

/** Our fixtures, made unique per test so the ingest's redelivery filter never links two tests. */
final class TestEvents {

    private TestEvents() {
    }

    static byte[] fixture(String path) {
        return EventFixtures.bytes(path);
    }

    /** An EventBridge GuardDuty fixture with a fresh event id and finding id. */
    static byte[] freshGuardDuty(String path) {
        return EventFixtures.freshGuardDuty(path);
    }

    static Finding finding(byte[] json) {
        return FindingCodec.fromJson(json);
    }

    static DeadLetter deadLetter(byte[] json) {
        try {
            return FindingCodec.mapper().readValue(json, DeadLetter.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
