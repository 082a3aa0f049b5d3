package dev.findingsresponder.model.decode;

import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.Finding.NetworkIndicator;
import dev.findingsresponder.model.Finding.Resource;
import dev.findingsresponder.model.Source;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Mutable builder the decoders fill in; {@link #build()} composes the canonical id and the record. */
final class FindingDraft {

    final Source source;
    final EventContext ctx;
    final int index;

    String nativeId;
    Finding.Product product;
    String type;
    List<String> types;
    String title;
    String description;
    String account;
    String region;
    String partition;
    Instant createdAt;
    Instant firstSeen;
    Instant lastSeen;
    Instant updatedAt;
    long count = 1;
    Finding.Severity severity;
    Resource resource;
    List<Resource> additionalResources;
    final List<NetworkIndicator> network = new ArrayList<>(2);
    Finding.Vulnerability vulnerability;
    Finding.Compliance compliance;
    String resourceRole;
    List<String> threatListNames;
    List<String> threatNames;
    boolean archived;
    boolean suppressed;
    boolean resolved;
    boolean sample;
    String workflowStatus;
    String recordState;
    String nativeStatus;
    String lastUpdatedBy;
    Instant noteUpdatedAt;

    FindingDraft(Source source, EventContext ctx, int index) {
        this.source = source;
        this.ctx = ctx;
        this.index = index;
    }

    /**
     * Most network indicators one finding keeps (distinct ones, in the order the event lists them). A real finding
     * has a handful (a port probe lists tens), while a hostile event of a few hundred KiB could otherwise list tens of
     * thousands and normalize into a record larger than Kafka accepts.
     */
    static final int MAX_INDICATORS = 1_000;

    /** Stands for the account in the id of a finding that names none (a hand-made test event). */
    static final String UNKNOWN_ACCOUNT = "unknown-account";

    /**
     * Canonical id {@code <product>:<account>:<region>:<nativeId>} where {@code <product>} is the id prefix of
     * the producing AWS service when known (so a GuardDuty finding has the same id whether it came directly
     * or through Security Hub), else of the delivering source.
     */
    static String canonicalId(Source source, Finding.Product product, String account, String region, String nativeId) {
        Source prefix = product != null && product.productSource() != null ? product.productSource() : source;
        return prefix.idPrefix() + ':' + (account == null ? UNKNOWN_ACCOUNT : account) + ':' + region + ':' + nativeId;
    }

    Finding build() {
        List<String> allTypes = types;
        if (allTypes == null || allTypes.isEmpty()) {
            allTypes = type == null ? List.of() : List.of(type);
        }
        Finding.FindingState state = new Finding.FindingState(archived, suppressed, resolved, sample, workflowStatus,
                recordState, nativeStatus, lastUpdatedBy, noteUpdatedAt);
        return new Finding(
                canonicalId(source, product, account, region, nativeId),
                nativeId,
                source,
                product,
                type,
                allTypes,
                title != null ? title : type,
                description,
                account,
                region,
                partition != null ? partition : "aws",
                createdAt,
                firstSeen != null ? firstSeen : createdAt,
                lastSeen != null ? lastSeen : (updatedAt != null ? updatedAt : createdAt),
                updatedAt != null ? updatedAt : createdAt,
                Math.max(1, count),
                severity,
                resource,
                additionalResources,
                distinctIndicators(network),
                vulnerability,
                compliance,
                resourceRole,
                threatListNames,
                threatNames,
                state,
                ctx.raw(index));
    }

    private static List<NetworkIndicator> distinctIndicators(List<NetworkIndicator> network) {
        if (network.size() < 2) {
            return network;
        }
        LinkedHashSet<NetworkIndicator> distinct = new LinkedHashSet<>();
        for (NetworkIndicator indicator : network) {
            if (distinct.size() == MAX_INDICATORS) {
                break;
            }
            distinct.add(indicator);
        }
        return distinct.size() == network.size() ? network : List.copyOf(distinct);
    }
}
