package dev.findingsresponder.ingest.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.findingsresponder.ingest.IngestMetrics;
import dev.findingsresponder.ingest.IngestOutcome;
import dev.findingsresponder.ingest.IngestPipeline;
import dev.findingsresponder.ingest.config.AwsConfig;
import dev.findingsresponder.ingest.config.IngestConfig;
import dev.findingsresponder.model.DeadLetter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Polls the SQS queue an EventBridge rule targets (off unless {@code ingest.sqs.enabled}). A message
 * is deleted only after its findings (or its dead letter) were acknowledged by Kafka; when a write
 * fails the message stays and SQS redelivers it after its visibility timeout. A delete that SQS refuses (an entry of
 * the batch response's {@code Failed}) is logged with the message id and counted in
 * {@code ingest_sqs_delete_failures_total{code}}: that message will be delivered again (a duplicate, dropped by the
 * redelivery filter), and a steady count means the poller cannot delete (permissions, visibility timeout too short).
 */
@ApplicationScoped
public class SqsPoller {

    private static final Logger LOG = Logger.getLogger(SqsPoller.class);

    private final IngestPipeline pipeline;
    private final IngestConfig.Sqs config;
    private final AwsConfig aws;
    private final IngestMetrics metrics;
    private volatile boolean running;
    private Thread worker;

    public SqsPoller(IngestPipeline pipeline, IngestConfig config, AwsConfig aws, IngestMetrics metrics) {
        this.pipeline = pipeline;
        this.config = config.sqs();
        this.aws = aws;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        String queueUrl = config.queueUrl().filter(url -> !url.isBlank()).orElseThrow(() ->
                new IllegalStateException("ingest.sqs.enabled=true needs ingest.sqs.queue-url (INGEST_SQS_QUEUE_URL)"));
        running = true;
        worker = Thread.ofPlatform().name("sqs-poller").daemon().start(() -> pollLoop(queueUrl));
        LOG.infof("polling SQS queue %s", queueUrl);
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (worker != null) {
            worker.interrupt();
        }
    }

    private void pollLoop(String queueUrl) {
        try (SqsClient sqs = client()) {
            while (running) {
                try {
                    pollOnce(sqs, queueUrl);
                } catch (RuntimeException e) {
                    if (!running) {
                        return;
                    }
                    LOG.warnf("SQS poll of %s failed, retrying in %s: %s", queueUrl, config.errorBackoff(), e.toString());
                    sleep(config.errorBackoff());
                }
            }
        }
    }

    /** Receives one batch, ingests it and deletes the messages Kafka acknowledged. */
    int pollOnce(SqsClient sqs, String queueUrl) {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                .maxNumberOfMessages(config.maxMessages())
                .waitTimeSeconds(config.waitSeconds())).messages();
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        Map<String, String> messageIds = new HashMap<>();
        for (Message message : messages) {
            Uni<IngestOutcome> outcome = pipeline.ingest(message.body().getBytes(StandardCharsets.UTF_8),
                    DeadLetter.Origin.sqs(queueUrl, message.messageId()));
            try {
                outcome.await().atMost(Duration.ofSeconds(60));
                messageIds.put(Integer.toString(done.size()), message.messageId());
                done.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(done.size()))
                        .receiptHandle(message.receiptHandle())
                        .build());
            } catch (RuntimeException e) {
                LOG.warnf("SQS message %s not stored in Kafka, left on the queue for redelivery: %s",
                        message.messageId(), e.toString());
            }
        }
        if (done.isEmpty()) {
            return 0;
        }
        DeleteMessageBatchResponse response = sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(done));
        for (BatchResultErrorEntry failed : response.failed()) {
            metrics.sqsDeleteFailed(failed.code());
            LOG.warnf("SQS message %s stored in Kafka but not deleted from %s (%s%s: %s): it will be delivered again",
                    messageIds.get(failed.id()), queueUrl, failed.code(),
                    Boolean.TRUE.equals(failed.senderFault()) ? ", sender fault" : "", failed.message());
        }
        return done.size() - response.failed().size();
    }

    private SqsClient client() {
        SqsClientBuilder builder = SqsClient.builder()
                .region(Region.of(aws.region()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .socketTimeout(Duration.ofSeconds(config.waitSeconds() + 10L)))
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(aws.maxAttempts())));
        aws.endpointOverride().ifPresent(builder::endpointOverride);
        if (aws.accessKeyId().isPresent() && aws.secretAccessKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(aws.accessKeyId().get(), aws.secretAccessKey().get())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
