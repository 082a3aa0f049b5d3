package dev.findingsresponder.response.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import dev.findingsresponder.model.action.ActionCatalog;
import dev.findingsresponder.model.action.ActionSchema;

/** Walks the registry: every action is complete, and the registry and the policy catalog agree. */
class ActionRegistryTest {

    private final ActionRegistry registry = ActionRegistry.defaults();

    @Test
    void registryAndCatalogNameTheSameActions() {
        assertThat(registry.all()).extracting(ResponseAction::name)
                .containsExactlyInAnyOrderElementsOf(ActionCatalog.names());
    }

    @TestFactory
    Stream<DynamicTest> everyActionIsComplete() {
        return registry.all().stream().map(action -> DynamicTest.dynamicTest(action.name(), () -> {
            assertThat(action.name()).matches("[a-z]+(-[a-z]+)*");
            ActionSchema schema = action.schema();
            assertThat(schema.name()).isEqualTo(action.name());
            assertThat(schema.validate(Map.of("no-such-parameter", "x")))
                    .as("the schema of %s rejects unknown keys", action.name())
                    .anySatisfy(error -> assertThat(error).contains("no-such-parameter"));
            assertThat(action.permissions()).as("declared AWS permissions").isNotEmpty()
                    .allSatisfy(permission -> assertThat(permission).matches("[a-z0-9]+:[A-Za-z]+"));
            assertThat(action.reversibility()).isNotNull();
            assertThat(action.reversibility().how()).as("how it is undone, or why it cannot be").isNotBlank();
            // execute and undo are interface methods: a class that lacks them does not compile; they must be its own
            assertThat(action.getClass().getMethod("execute", dev.findingsresponder.model.ActionRequest.class,
                    dev.findingsresponder.response.aws.AwsClients.class).getDeclaringClass()).isEqualTo(action.getClass());
            assertThat(action.getClass().getMethod("undo", dev.findingsresponder.model.ActionRequest.class,
                    dev.findingsresponder.response.aws.AwsClients.class).getDeclaringClass()).isEqualTo(action.getClass());
        }));
    }
}
