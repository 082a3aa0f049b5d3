package dev.findingsresponder.ingest.config;

import java.net.URI;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the service reaches AWS (SQS only). */
@ConfigMapping(prefix = "aws")
public interface AwsConfig {

    /** Region of the SQS queue (AWS_REGION in the environment). */
    @WithDefault("us-east-1")
    String region();

    /** Endpoint of an AWS emulator such as moto; unset in production. */
    Optional<URI> endpointOverride();

    /** Static access key id, for an emulator only; unset means the SDK's default credential chain. */
    Optional<String> accessKeyId();

    /** Static secret key paired with access-key-id; emulator only. */
    Optional<String> secretAccessKey();

    /** Attempts per AWS call including the first. Tests use 1. */
    @WithDefault("3")
    int maxAttempts();
}
