package dev.findingsresponder.e2e;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample names of a Prometheus text exposition ({@code /q/metrics}) and the label names each carries. Sample
 * names are what PromQL selects: a counter's {@code _total}, a summary's {@code _count}, {@code _sum} and (Micrometer)
 * {@code _max}, a histogram's {@code _bucket}; a name is here only if the service really exposes that series.
 */
final class PrometheusText {

    private static final Pattern SAMPLE = Pattern.compile("^([A-Za-z_:][A-Za-z0-9_:]*)(\\{(.*)})?\\s+\\S+.*$");
    private static final Pattern LABEL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"");

    private PrometheusText() {
    }

    /** Sample name to the union of the label names of its series. */
    static Map<String, Set<String>> labelsByName(String exposition) {
        Map<String, Set<String>> names = new TreeMap<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line.strip());
            if (!sample.matches()) {
                continue;
            }
            Set<String> labels = names.computeIfAbsent(sample.group(1), k -> new TreeSet<>());
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.add(label.group(1));
                }
            }
        }
        return names;
    }
}
