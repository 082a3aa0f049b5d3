package dev.findingsresponder.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * response-service's own count of its AWS calls, read from {@code /q/metrics}: {@code response_aws_calls_total}
 * by operation and outcome, and {@code response_aws_writes_total} by operation. One count per SDK call
 * (the SDK's own retries of that call are inside it).
 */
record AwsCallCounts(Map<String, Double> calls, Map<String, Double> writes) {

    private static final Pattern LINE =
            Pattern.compile("^(response_aws_calls_total|response_aws_writes_total)\\{([^}]*)}\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static AwsCallCounts scrape(String serviceUrl) throws IOException, InterruptedException {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/q/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return parse(text);
    }

    static AwsCallCounts parse(String prometheusText) {
        Map<String, Double> calls = new TreeMap<>();
        Map<String, Double> writes = new TreeMap<>();
        for (String line : prometheusText.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            Matcher l = LABEL.matcher(m.group(2));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
            double value = Double.parseDouble(m.group(3));
            String operation = labels.getOrDefault("operation", "?");
            if (m.group(1).startsWith("response_aws_calls")) {
                calls.merge(operation + " (" + labels.getOrDefault("outcome", "?") + ")", value, Double::sum);
            } else {
                writes.merge(operation, value, Double::sum);
            }
        }
        return new AwsCallCounts(calls, writes);
    }

    /** This minus an earlier scrape. */
    AwsCallCounts since(AwsCallCounts before) {
        return new AwsCallCounts(minus(calls, before.calls), minus(writes, before.writes));
    }

    double totalCalls() {
        return calls.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    double totalWrites() {
        return writes.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static Map<String, Double> minus(Map<String, Double> now, Map<String, Double> before) {
        Map<String, Double> result = new TreeMap<>();
        now.forEach((k, v) -> {
            double d = v - before.getOrDefault(k, 0.0);
            if (d != 0) {
                result.put(k, d);
            }
        });
        return result;
    }
}
