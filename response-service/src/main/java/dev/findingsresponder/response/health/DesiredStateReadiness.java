package dev.findingsresponder.response.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.findingsresponder.response.DesiredState;

/** Not ready until the desired blocks were read back from {@code response.state}: until then nothing is enforced. */
@Readiness
@ApplicationScoped
public class DesiredStateReadiness implements HealthCheck {

    private final DesiredState state;

    public DesiredStateReadiness(DesiredState state) {
        this.state = state;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("desired-state").status(state.isLoaded())
                .withData("blocks", state.isLoaded() ? state.all().size() : 0).build();
    }
}
