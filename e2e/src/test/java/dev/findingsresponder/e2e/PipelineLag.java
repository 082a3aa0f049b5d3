package dev.findingsresponder.e2e;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import dev.findingsresponder.model.Topics;

/**
 * Consumer lag of the three services' groups (records written to their input topic and not yet committed by the
 * group), read with the admin client as an operator would. A partition the group never committed counts whole.
 */
final class PipelineLag implements AutoCloseable {

    /** Each service's consumer group and the topic it reads. */
    static final Map<String, String> GROUPS = orderedGroups();

    private final Admin admin;

    PipelineLag(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        admin = Admin.create(props);
    }

    /** Lag per group; -1 for a group whose lag could not be read (the broker is down). */
    Map<String, Long> lag() {
        Map<String, Long> lag = new LinkedHashMap<>();
        GROUPS.forEach((group, topic) -> lag.put(group, lag(group, topic)));
        return lag;
    }

    /** The sum of every group's lag, or -1 when one could not be read. */
    long total() {
        long sum = 0;
        for (long value : lag().values()) {
            if (value < 0) {
                return -1;
            }
            sum += value;
        }
        return sum;
    }

    private long lag(String group, String topic) {
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic)
                    .partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            long sum = 0;
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                sum += end.getValue() - (done == null ? 0 : done.offset());
            }
            return sum;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private static Map<String, String> orderedGroups() {
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put("ingest-service", Topics.FINDINGS_RAW);
        groups.put("triage-service", Topics.FINDINGS_NORMALIZED);
        groups.put("response-service", Topics.ACTIONS_REQUESTED);
        groups.put("response-service-retry", "actions.retry");
        return groups;
    }

    @Override
    public void close() {
        admin.close();
    }
}
