package dev.findingsresponder.triage.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.findingsresponder.triage.PolicyHolder;

/** Ready only with a valid policy; when the file is invalid it says which lines are wrong. */
@Readiness
@ApplicationScoped
public class PolicyReadinessCheck implements HealthCheck {

    private final PolicyHolder policies;

    public PolicyReadinessCheck(PolicyHolder policies) {
        this.policies = policies;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("policy").withData("file", policies.file().toString());
        policies.active().ifPresent(policy -> response
                .withData("version", policy.version())
                .withData("loadedAt", policy.loadedAt().toString()));
        if (!policies.lastErrors().isEmpty()) {
            response.withData("lastLoadErrors", String.join("\n", policies.lastErrors()));
        }
        return response.status(policies.active().isPresent()).build();
    }
}
