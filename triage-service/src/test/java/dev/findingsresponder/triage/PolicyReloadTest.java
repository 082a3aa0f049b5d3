package dev.findingsresponder.triage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.findingsresponder.testsupport.KafkaTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A changed policy file is validated: an invalid one is rejected and the last valid one stays active. */
@QuarkusTest
@TestProfile(PolicyReloadTest.WritablePolicy.class)
class PolicyReloadTest {

    static final Path FILE = tempFile();

    public static class WritablePolicy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            copy("src/test/resources/policies/flow-policy.yaml");
            return Map.of("triage.policy-file", FILE.toString(), "triage.policy-check-interval", "200ms");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaTestResource.class));
        }
    }

    @Test
    void invalidReloadKeepsTheLastValidPolicyAndAValidOneReplacesIt() throws Exception {
        String first = given().header("Authorization", "Bearer viewer-key-for-tests-0001").get("/playbooks").then().statusCode(200).extract().path("version");

        copy("src/test/resources/policies/invalid-policy.yaml");
        awaitMetric("triage_policy_reloads_total{outcome=\"rejected\"}");
        given().header("Authorization", "Bearer viewer-key-for-tests-0001").get("/playbooks").then().statusCode(200)
                .body("version", is(first))
                .body("lastLoadErrors", hasItem(containsString("'mach'")));
        given().get("/q/health/ready").then().statusCode(200);

        Files.writeString(FILE, Files.readString(Path.of("src/test/resources/policies/flow-policy.yaml"))
                .replace("name: everything-else", "name: everything-else-v2"));
        String second = awaitNewVersion(first);
        assertThat(second).isNotEqualTo(first);
        given().header("Authorization", "Bearer viewer-key-for-tests-0001").get("/playbooks").then().body("playbooks.name", hasItem("everything-else-v2"));
    }

    @Test
    void anUnreadableOrHugeNewFileIsRejectedOnceWithTheReasonAndTheNextValidOneLoads() throws Exception {
        String viewer = "Bearer viewer-key-for-tests-0001";
        String first = given().header("Authorization", viewer).get("/playbooks").then().statusCode(200).extract().path("version");
        String valid = Files.readString(Path.of("src/test/resources/policies/flow-policy.yaml"));

        byte[] latin1 = ("# caf\u00e9\n" + valid).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(FILE, latin1);
        awaitLoadError("line 1: byte 5 is not UTF-8");
        double rejected = rejectedReloads();
        Thread.sleep(1_000); // five more checks of the same file
        assertThat(rejectedReloads()).as("rejections counted once per failure, not per check").isEqualTo(rejected);

        try (var huge = new java.io.RandomAccessFile(FILE.toFile(), "rw")) {
            huge.setLength(400L * 1024 * 1024); // sparse: reading it whole used to exhaust the heap
        }
        awaitLoadError("larger than any policy");
        given().header("Authorization", viewer).get("/playbooks").then().body("version", is(first));

        Files.writeString(FILE, valid.replace("name: everything-else", "name: everything-else-v3"));
        awaitNewVersion(first);
        given().header("Authorization", viewer).get("/playbooks").then().body("playbooks.name", hasItem("everything-else-v3"))
                .body("lastLoadErrors.size()", is(0));
    }

    private static void awaitLoadError(String text) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            List<String> errors = given().header("Authorization", "Bearer viewer-key-for-tests-0001").get("/playbooks")
                    .then().extract().path("lastLoadErrors");
            if (errors != null && errors.stream().anyMatch(e -> e.contains(text))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no load error containing " + text);
    }

    private static double rejectedReloads() {
        return given().get("/q/metrics").asString().lines()
                .filter(l -> l.startsWith("triage_policy_reloads_total{outcome=\"rejected\"}"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static void awaitMetric(String line) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            if (given().get("/q/metrics").asString().contains(line)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("metric " + line + " never appeared");
    }

    private static String awaitNewVersion(String old) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            String version = given().header("Authorization", "Bearer viewer-key-for-tests-0001").get("/playbooks").then().extract().path("version");
            if (!old.equals(version)) {
                return version;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the valid new policy was never loaded");
    }

    private static Path tempFile() {
        try {
            return Files.createTempDirectory("policy").resolve("policy.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copy(String from) {
        try {
            Files.writeString(FILE, Files.readString(Path.of(from)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
