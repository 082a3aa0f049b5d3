package dev.findingsresponder.response.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the service reaches AWS. */
@ConfigMapping(prefix = "aws")
public interface AwsConfig {

    /** Region for clients of the admin account (AWS_REGION in the environment). */
    @WithDefault("us-east-1")
    String region();

    /** Endpoint of an AWS emulator such as moto; unset in production, where the SDK picks the real endpoints. */
    Optional<URI> endpointOverride();

    /** Static access key id, for an emulator only; unset means the SDK's default credential chain (IRSA on EKS). */
    Optional<String> accessKeyId();

    /** Static secret key paired with access-key-id; emulator only. */
    Optional<String> secretAccessKey();

    /** Attempts per AWS call including the first; the SDK backs off with jitter between them. Tests use 1. */
    @WithDefault("3")
    int maxAttempts();

    /** Longest wait for one HTTP attempt of an AWS call before it is abandoned (and retried, if attempts are left). */
    @WithDefault("10s")
    Duration apiCallAttemptTimeout();

    /** Longest time one AWS call may take over all its attempts and backoffs. */
    @WithDefault("30s")
    Duration apiCallTimeout();

    /** The delegated admin account the service runs in; unset means asked once from sts:GetCallerIdentity. */
    Optional<String> adminAccount();

    /** Role assumed in a member account to act there: {@code arn:aws:iam::<member>:role/<member-role-name>}. */
    @WithDefault("FindingsResponderMemberRole")
    String memberRoleName();

    /** External id the member role's trust policy requires (sts:ExternalId condition), if any. */
    Optional<String> externalId();

    /** Session name of assumed-role sessions: what CloudTrail in the member account shows as the caller. */
    @WithDefault("findings-responder")
    String roleSessionName();
}
