package dev.findingsresponder.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The dashboard test is only as good as its reading of PromQL and of the exposition format. */
class PromQlTest {

    @Test
    void metricNamesLeaveOutFunctionsAggregationsKeywordsLabelsAndVariables() {
        PromQl.Refs refs = PromQl.refs("sum by (source, reason) (rate(ingest_findings_published_total{namespace=~\"$namespace\","
                + " job=~\"${job}\", outcome!=\"a b\"}[$__rate_interval])) / ignoring(outcome) group_left "
                + "sum without (origin) (increase(ingest_events_rejected_total[5m] offset 1h)) > bool 0.5");
        assertThat(refs.metrics()).containsExactlyInAnyOrder("ingest_findings_published_total",
                "ingest_events_rejected_total");
        assertThat(refs.labels()).containsExactlyInAnyOrder("source", "reason", "namespace", "job", "outcome", "origin");
    }

    @Test
    void summaryAndHistogramSeriesKeepTheirSuffix() {
        assertThat(PromQl.refs("sum(rate(response_batch_size_sum[1m])) / sum(rate(response_batch_size_count[1m]))")
                .metrics()).containsExactly("response_batch_size_sum", "response_batch_size_count");
        PromQl.Refs quantile = PromQl.refs("histogram_quantile(0.99, sum by (le) (rate(x_seconds_bucket[5m])))");
        assertThat(quantile.metrics()).containsExactly("x_seconds_bucket");
        assertThat(quantile.labels()).containsExactly("le");
    }

    @Test
    void stringsAreNotNamesEvenWhenTheyLookLikeOnes() {
        PromQl.Refs refs = PromQl.refs("label_replace(up{job=\"a\"}, \"service\", \"$1\", \"job\", \"(.*)-service\")");
        assertThat(refs.metrics()).containsExactly("up");
        assertThat(refs.labels()).containsExactly("job");
    }

    @Test
    void variableQueries() {
        PromQl.Refs values = PromQl.variableRefs("label_values(process_uptime_seconds{namespace=~\"$namespace\"}, job)");
        assertThat(values.metrics()).containsExactly("process_uptime_seconds");
        assertThat(values.labels()).containsExactlyInAnyOrder("namespace", "job");
        assertThat(PromQl.variableRefs("label_values(namespace)").metrics()).isEmpty();
        assertThat(PromQl.variableRefs("query_result(max(jvm_info))").metrics()).containsExactly("jvm_info");
    }

    @Test
    void expositionSampleNamesWithTheirLabels() {
        String text = """
                # HELP response_batch_size\s
                # TYPE response_batch_size summary
                response_batch_size_count{action="nacl-deny"} 1.0
                response_batch_size_sum{action="nacl-deny"} 2.0
                # TYPE response_batch_size_max gauge
                response_batch_size_max{action="nacl-deny"} 2.0
                ingest_events_rejected_total{origin="http",reason="a \\"quoted\\",x=\\"y"} 3.0
                process_uptime_seconds 12.5
                """;
        assertThat(PrometheusText.labelsByName(text)).containsOnlyKeys("response_batch_size_count",
                "response_batch_size_sum", "response_batch_size_max", "ingest_events_rejected_total",
                "process_uptime_seconds");
        assertThat(PrometheusText.labelsByName(text).get("ingest_events_rejected_total"))
                .containsExactly("origin", "reason");
        assertThat(PrometheusText.labelsByName(text).get("process_uptime_seconds")).isEmpty();
    }
}
