package dev.findingsresponder.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.findingsresponder.model.Hashes;
import dev.findingsresponder.model.Topics;
import dev.findingsresponder.model.drill.DrillEvent;
import dev.findingsresponder.model.drill.DrillGenerator;
import dev.findingsresponder.model.drill.DrillSpec;
import dev.findingsresponder.model.drill.DrillType;

/**
 * Writes {@code inputs} records into {@code findings.raw} and remembers what each should become: of every 20
 * inputs, 18 are distinct GuardDuty SSH brute-force findings (drill events about the estate's two instances, attackers
 * from the three documentation ranges), one is a byte-for-byte copy of the previous finding (a redelivery) and one is
 * malformed (unique bytes, so its dead letter can be found by SHA-256). The producer rides out a broker restart
 * (idempotent, long delivery timeout), so every input is written exactly once.
 */
final class ReliabilityLoad {

    static final List<String> ATTACKERS = List.of("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24");

    /** GuardDuty finding ids that must reach {@code findings.normalized}. */
    final Set<String> findingIds = new HashSet<>();
    /** SHA-256 of each malformed input, which must reach the DLQ. */
    final Set<String> malformedShas = new HashSet<>();
    int duplicates;
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicReference<Exception> sendError = new AtomicReference<>();

    private final Iterator<DrillEvent> drill;
    private final String label;
    private byte[] previous;

    ReliabilityLoad(String label, int inputs, DemoEstate estate, long seed) {
        this.label = label;
        int distinct = Math.max(1, inputs - 2 * (inputs / 20));
        DrillSpec spec = new DrillSpec(DrillType.SSH_BRUTE_FORCE, distinct, List.of(estate.account()), estate.region(),
                ATTACKERS, List.copyOf(estate.instances().values()), seed, 1);
        this.drill = new DrillGenerator().iterator(spec);
    }

    String label() {
        return label;
    }

    /** Input number {@code i}: the record's value; its key names the input. */
    byte[] input(int i) {
        if (i % 20 == 19 || !drill.hasNext()) {
            byte[] bad = malformed(i);
            malformedShas.add(Hashes.sha256Hex(bad));
            return bad;
        }
        if (i % 20 == 10 && previous != null) {
            duplicates++;
            return previous;
        }
        DrillEvent event = drill.next();
        findingIds.add(event.findingId());
        previous = event.toJson();
        return previous;
    }

    private byte[] malformed(int i) {
        String text = switch (i % 3) {
            case 0 -> "not json at all, input " + label + "-" + i;
            case 1 -> "{\"version\":\"0\",\"id\":\"" + label + "-" + i + "\",\"detail-type\":\"GuardDuty Finding\","
                    + "\"source\":\"aws.guardduty\",\"account\":\"123456789012\"}";
            default -> "{\"version\":\"0\",\"id\":\"" + label + "-" + i + "\",\"detail-type\":\"Inspector2 Scan\","
                    + "\"source\":\"aws.inspector2\",\"account\":\"123456789012\",\"detail\":{}}";
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Sends {@code inputs} records, spread evenly over {@code over} (as fast as possible for zero), on the calling
     * thread; returns when every send was handed to the producer and acknowledged.
     */
    void send(String bootstrap, int inputs, Duration over) throws InterruptedException {
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            for (int i = 0; i < inputs; i++) {
                long due = start + over.toNanos() * i / inputs;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                producer.send(new ProducerRecord<>(Topics.FINDINGS_RAW, label + "-" + i, input(i)), (meta, error) -> {
                    if (error != null) {
                        sendError.compareAndSet(null, error);
                    } else {
                        acknowledged.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000),
                new StringSerializer(), new ByteArraySerializer());
    }
}
