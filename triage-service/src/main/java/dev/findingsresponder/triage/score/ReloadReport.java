package dev.findingsresponder.triage.score;

import java.time.Instant;
import java.util.List;

/**
 * What one {@link IpLists#reload()} did, per source.
 *
 * @param finishedAt when the new lists took effect
 * @param sources    one report per configured source, in configuration order
 */
public record ReloadReport(Instant finishedAt, List<SourceReport> sources) {

    public ReloadReport {
        sources = List.copyOf(sources);
    }

    /**
     * @param list     list name
     * @param kind     THREAT or TRUSTED
     * @param location file path or URL
     * @param ok       the source was read and replaced the previous content
     * @param entries  entries now in effect for the source (the previous content's size when {@code ok} is false;
     *                 0 if it never loaded)
     * @param errors   invalid lines of this read, with line numbers (a source with some invalid lines still loads)
     * @param failure  why the source was not replaced ({@code null} when {@code ok})
     */
    public record SourceReport(String list, IpLists.Kind kind, String location, boolean ok, int entries,
            List<String> errors, String failure) {

        public SourceReport {
            errors = List.copyOf(errors);
        }
    }

    /** True when every source loaded. Invalid lines alone do not make a source fail. */
    public boolean allOk() {
        return sources.stream().allMatch(SourceReport::ok);
    }

    public List<SourceReport> failures() {
        return sources.stream().filter(source -> !source.ok()).toList();
    }
}
