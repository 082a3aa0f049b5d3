import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the topics listed in scripts/topics.conf that do not exist yet (one JVM for all of them).
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
                if (fields[0].isEmpty() || fields[0].startsWith("#") || existing.contains(fields[0])) {
                    continue;
                }
                NewTopic topic = new NewTopic(fields[0], Integer.parseInt(fields[1]), (short) 1);
                if (fields.length > 2) {
                    Map<String, String> configs = new HashMap<>();
                    for (String pair : fields[2].split(",")) {
                        String[] kv = pair.split("=", 2);
                        configs.put(kv[0], kv[1]);
                    }
                    topic.configs(configs);
                }
                missing.add(topic);
            }
            admin.createTopics(missing).all().get();
            System.out.println("created " + missing.size() + " topic(s), " + existing.size() + " already there");
        }
    }
}
