package dev.findingsresponder.response.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import dev.findingsresponder.response.config.AwsConfig;
import dev.findingsresponder.testsupport.MotoServer;

/** {@link AwsConfig} for plain JUnit tests: an emulator endpoint, dummy keys, one attempt per call. */
public record TestAwsConfig(String endpoint, Optional<String> adminAccount, Optional<String> externalId,
        String roleSessionName) implements AwsConfig {

    /** moto, whose default account is the admin account. */
    public static TestAwsConfig moto() {
        return at(MotoServer.endpoint());
    }

    /** Another endpoint (WireMock in front of moto), admin account 123456789012. */
    public static TestAwsConfig at(String endpoint) {
        return new TestAwsConfig(endpoint, Optional.of("123456789012"), Optional.empty(), "responder-test");
    }

    @Override
    public String region() {
        return MotoServer.REGION;
    }

    @Override
    public Optional<URI> endpointOverride() {
        return Optional.of(URI.create(endpoint));
    }

    @Override
    public Optional<String> accessKeyId() {
        return Optional.of(MotoServer.ACCESS_KEY);
    }

    @Override
    public Optional<String> secretAccessKey() {
        return Optional.of(MotoServer.SECRET_KEY);
    }

    @Override
    public int maxAttempts() {
        return 1;
    }

    @Override
    public Duration apiCallAttemptTimeout() {
        return Duration.ofSeconds(10);
    }

    @Override
    public Duration apiCallTimeout() {
        return Duration.ofSeconds(30);
    }

    @Override
    public String memberRoleName() {
        return "FindingsResponderMemberRole";
    }
}
