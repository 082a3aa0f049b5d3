import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Creates the topics listed in scripts/topics.conf that do not exist yet (one JVM for all of them), and sets the
 * listed configs on those that do (a response.state created earlier without compaction would lose blocks).
 * Run as a single-file program: java -cp 'kafka jars' scripts/CreateTopics.java BOOTSTRAP topics.conf
 */
public class CreateTopics {
    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of(args[1]))) {
                String[] fields = line.trim().split("\\s+");
                if (fields[0].isEmpty() || fields[0].startsWith("#")) {
                    continue;
                }
                Map<String, String> configs = new HashMap<>();
                if (fields.length > 2) {
                    for (String pair : fields[2].split(",")) {
                        String[] kv = pair.split("=", 2);
                        configs.put(kv[0], kv[1]);
                    }
                }
                if (existing.contains(fields[0])) {
                    enforce(admin, fields[0], configs);
                } else {
                    missing.add(new NewTopic(fields[0], Integer.parseInt(fields[1]), (short) 1).configs(configs));
                }
            }
            admin.createTopics(missing).all().get();
            System.out.println("created " + missing.size() + " topic(s), " + existing.size() + " already there");
        }
    }

    /** Sets each listed config that an existing topic has with another value, and says so. */
    private static void enforce(Admin admin, String topic, Map<String, String> wanted) throws Exception {
        if (wanted.isEmpty()) {
            return;
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config actual = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        Collection<AlterConfigOp> changes = new ArrayList<>();
        wanted.forEach((key, value) -> {
            ConfigEntry entry = actual.get(key);
            if (entry == null || !value.equals(entry.value())) {
                System.out.println("topic " + topic + ": " + key + " was " + (entry == null ? "unset" : entry.value())
                        + ", set to " + value);
                changes.add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET));
            }
        });
        if (!changes.isEmpty()) {
            admin.incrementalAlterConfigs(Map.of(resource, changes)).all().get();
        }
    }
}
