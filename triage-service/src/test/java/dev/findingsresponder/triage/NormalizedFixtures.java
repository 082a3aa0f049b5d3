package dev.findingsresponder.triage;

import java.util.List;
import java.util.Set;

import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.model.decode.EventNormalizer;
import dev.findingsresponder.model.decode.NormalizeResult;
import dev.findingsresponder.testsupport.EventFixtures;

/** Canonical findings made from the project's event fixtures, as ingest would publish them. */
final class NormalizedFixtures {

    private static final EventNormalizer NORMALIZER = new EventNormalizer(Set.of());

    private NormalizedFixtures() {
    }

    /** The findings of one fixture. */
    static List<Finding> of(String fixture) {
        return normalize(EventFixtures.bytes(fixture), fixture);
    }

    /** The finding of a GuardDuty fixture under a fresh finding id. */
    static Finding freshGuardDuty(String fixture) {
        return normalize(EventFixtures.freshGuardDuty(fixture), fixture).get(0);
    }

    static byte[] json(Finding finding) {
        return FindingCodec.toJson(finding);
    }

    private static List<Finding> normalize(byte[] event, String fixture) {
        NormalizeResult result = NORMALIZER.normalize(event);
        if (result instanceof NormalizeResult.Normalized normalized) {
            return normalized.findings();
        }
        throw new IllegalArgumentException(fixture + " does not normalize: " + result);
    }
}
