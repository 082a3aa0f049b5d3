package dev.findingsresponder.triage.score;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Named threat and trusted IP lists, each read from one or more sources (file paths, {@code file:} URIs or
 * {@code http(s)} URLs; 10 s and 50 MB per source). Thread-safe: lookups read an immutable snapshot,
 * {@link #reload()} builds a new one and swaps it in atomically.
 *
 * <p>Nothing is loaded until the first {@link #reload()}. A source that fails to load keeps its previous
 * content; a source that yields invalid lines only (say an HTML error page served with status 200) counts as
 * failed too, while one with some valid and some invalid lines loads its valid entries and reports the rest.
 *
 * <p><b>Fail closed for blocking.</b> {@link #trusted(String)} can only answer from what it has. While any
 * source of a TRUSTED list has never loaded, {@link #trustedListsHealthy()} is false and a caller must not
 * request IP-blocking actions for any address: it cannot know the address is not trusted.
 * {@link #blockAllowedByTrustedLists(String)} combines both checks in one call.
 */
public final class IpLists {

    public enum Kind {
        /** Known-bad addresses: raise the score. */
        THREAT,
        /** Addresses that must never be blocked (own ranges, partners, scanners you hired). */
        TRUSTED
    }

    /**
     * One configured list.
     *
     * @param name    list name, unique across both kinds; appears in score reasons
     * @param kind    THREAT or TRUSTED
     * @param sources where to read its entries from; all sources of a list together form the list
     */
    public record ListDefinition(String name, Kind kind, List<String> sources) {
        public ListDefinition {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("IP list name is blank");
            }
            if (kind == null) {
                throw new IllegalArgumentException("IP list '" + name + "' has no kind");
            }
            if (sources == null || sources.isEmpty()) {
                throw new IllegalArgumentException("IP list '" + name + "' has no sources");
            }
            sources = List.copyOf(sources);
            sources.forEach(ListSourceReader::validate);
        }
    }

    /**
     * An address found on a list.
     *
     * @param listName the list's name
     * @param entry    the most specific matching entry as written in the source ({@code 203.0.113.0/24})
     */
    public record ListMatch(String listName, String entry) {
    }

    /** One source's current content; {@code set} is {@code null} until it first loads. */
    private record LoadedSource(ListDefinition list, String location, CidrSet set) {
    }

    /** {@code all} in configuration order; {@code threat} and {@code trusted} are its two halves. */
    private record Snapshot(List<LoadedSource> all, List<LoadedSource> threat, List<LoadedSource> trusted,
            boolean trustedHealthy) {
    }

    private final List<ListDefinition> definitions;
    private final ListSourceReader reader;
    private volatile Snapshot snapshot;

    public IpLists(List<ListDefinition> definitions) {
        this(definitions, new ListSourceReader());
    }

    IpLists(List<ListDefinition> definitions, ListSourceReader reader) {
        this.definitions = List.copyOf(definitions);
        this.reader = reader;
        Set<String> names = new HashSet<>();
        for (ListDefinition definition : this.definitions) {
            if (!names.add(definition.name())) {
                throw new IllegalArgumentException("IP list name '" + definition.name() + "' is used twice");
            }
        }
        List<LoadedSource> empty = new ArrayList<>();
        for (ListDefinition definition : this.definitions) {
            definition.sources().forEach(location -> empty.add(new LoadedSource(definition, location, null)));
        }
        this.snapshot = snapshotOf(empty);
    }

    /** No lists at all: nothing matches, and trusted lists count as healthy because none is expected. */
    public static IpLists none() {
        return new IpLists(List.of());
    }

    public List<ListDefinition> definitions() {
        return definitions;
    }

    /**
     * Re-reads every source and swaps the new content in at once. Never throws for a bad source: a failed
     * source keeps its previous content, and the report says which failed and why.
     */
    public synchronized ReloadReport reload() {
        List<LoadedSource> loaded = new ArrayList<>();
        List<ReloadReport.SourceReport> reports = new ArrayList<>();
        for (LoadedSource old : snapshot.all()) {
            String label = old.list().name() + " (" + old.location() + ")";
            CidrSet set = old.set();
            List<String> errors = List.of();
            String failure = null;
            try {
                CidrSet.ParseResult result = CidrSet.parse(label, reader.readLines(old.location()));
                errors = result.errors();
                if (result.set().isEmpty() && !errors.isEmpty()) {
                    failure = "no valid entry, every non-comment line is invalid";
                } else {
                    set = result.set();
                }
            } catch (IOException | RuntimeException e) {
                failure = describe(e);
            }
            loaded.add(new LoadedSource(old.list(), old.location(), set));
            reports.add(new ReloadReport.SourceReport(old.list().name(), old.list().kind(), old.location(),
                    failure == null, set == null ? 0 : set.size(), errors, failure));
        }
        snapshot = snapshotOf(loaded);
        return new ReloadReport(Instant.now(), reports);
    }

    /** The first threat list (in configuration order) containing {@code ip}. */
    public Optional<ListMatch> threat(String ip) {
        return Optional.ofNullable(find(snapshot.threat(), IpLiteral.parseOrNull(strip(ip))));
    }

    /**
     * The first trusted list containing {@code ip}. An empty answer means "not on any list loaded so far";
     * check {@link #trustedListsHealthy()} before treating that as "not trusted".
     */
    public Optional<ListMatch> trusted(String ip) {
        return Optional.ofNullable(find(snapshot.trusted(), IpLiteral.parseOrNull(strip(ip))));
    }

    /** True when every source of every TRUSTED list has loaded at least once (or no trusted list is configured). */
    public boolean trustedListsHealthy() {
        return snapshot.trustedHealthy();
    }

    /**
     * Whether the trusted lists allow blocking {@code ip}: they are healthy and none contains it. Only this
     * aspect; other guardrails (private ranges, own infrastructure, caps) are the caller's.
     */
    public boolean blockAllowedByTrustedLists(String ip) {
        Snapshot current = snapshot;
        return current.trustedHealthy() && find(current.trusted(), IpLiteral.parseOrNull(strip(ip))) == null;
    }

    ListMatch threat(IpLiteral address) {
        return find(snapshot.threat(), address);
    }

    ListMatch trusted(IpLiteral address) {
        return find(snapshot.trusted(), address);
    }

    private static ListMatch find(List<LoadedSource> sources, IpLiteral address) {
        if (address == null) {
            return null;
        }
        for (LoadedSource source : sources) {
            String entry = source.set() == null ? null : source.set().find(address);
            if (entry != null) {
                return new ListMatch(source.list().name(), entry);
            }
        }
        return null;
    }

    private static Snapshot snapshotOf(List<LoadedSource> sources) {
        List<LoadedSource> threat = new ArrayList<>();
        List<LoadedSource> trusted = new ArrayList<>();
        boolean trustedHealthy = true;
        for (LoadedSource source : sources) {
            if (source.list().kind() == Kind.THREAT) {
                threat.add(source);
            } else {
                trusted.add(source);
                trustedHealthy &= source.set() != null;
            }
        }
        return new Snapshot(List.copyOf(sources), List.copyOf(threat), List.copyOf(trusted), trustedHealthy);
    }

    private static String strip(String ip) {
        return ip == null ? null : ip.strip();
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        String type = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }
}
