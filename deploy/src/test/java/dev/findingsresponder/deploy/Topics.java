package dev.findingsresponder.deploy;

import java.util.LinkedHashMap;
import java.util.Map;

/** scripts/topics.conf: topic, partitions, optional comma-separated configs; # starts a comment line. */
final class Topics {

    record Topic(String name, int partitions, Map<String, String> configs) {
    }

    private Topics() {
    }

    static Map<String, Topic> load() {
        Map<String, Topic> topics = new LinkedHashMap<>();
        for (String line : Repo.read("scripts/topics.conf").split("\n")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+");
            Map<String, String> configs = new LinkedHashMap<>();
            if (fields.length > 2) {
                for (String pair : fields[2].split(",")) {
                    String[] kv = pair.split("=", 2);
                    configs.put(kv[0], kv[1]);
                }
            }
            topics.put(fields[0], new Topic(fields[0], Integer.parseInt(fields[1]), configs));
        }
        return topics;
    }
}
