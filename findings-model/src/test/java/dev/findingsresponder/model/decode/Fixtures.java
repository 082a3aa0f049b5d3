package dev.findingsresponder.model.decode;

import dev.findingsresponder.testsupport.EventFixtures;

import static org.assertj.core.api.Assertions.assertThat;

import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Finding.NetworkIndicator;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/** Loads our own fixtures from {@code src/test/resources/fixtures} and normalizes them. */
final class Fixtures {

    static final EventNormalizer NORMALIZER = new EventNormalizer(Set.of());

    private Fixtures() {
    }

    static byte[] bytes(String path) {
        return EventFixtures.bytes(path);
    }

    /** Normalizes a fixture and returns all findings, failing with the reject detail if it was rejected. */
    static List<Finding> all(String path) {
        NormalizeResult r = NORMALIZER.normalize(bytes(path));
        assertThat(r).as("normalize %s", path).isInstanceOf(NormalizeResult.Normalized.class);
        return ((NormalizeResult.Normalized) r).findings();
    }

    /** Normalizes a fixture that holds exactly one finding. */
    static Finding one(String path) {
        List<Finding> findings = all(path);
        assertThat(findings).as("findings of %s", path).hasSize(1);
        return findings.get(0);
    }

    static NormalizeResult.Rejected rejected(String path) {
        NormalizeResult r = NORMALIZER.normalize(bytes(path));
        assertThat(r).as("normalize %s", path).isInstanceOf(NormalizeResult.Rejected.class);
        return (NormalizeResult.Rejected) r;
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The single network indicator of a finding. */
    static NetworkIndicator onlyIndicator(Finding f) {
        assertThat(f.network()).as("network indicators of %s", f.id()).hasSize(1);
        return f.network().get(0);
    }
}
