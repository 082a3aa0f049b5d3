package dev.findingsresponder.triage.policy;

import static dev.findingsresponder.triage.TestFindings.score;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.FindingCodec;
import dev.findingsresponder.triage.TestFindings;
import org.junit.jupiter.api.Test;

/** Suppression, first match versus continue, and the JSON form of a policy. */
class PolicyMatchingTest {

    private static final String POLICY = """
            version: 1
            suppressions:
              - name: scanner
                description: our scanner
                match: {remote-ip: ["198.51.100.0/24"]}
              - name: samples
                match: {sample: true}
            playbooks:
              - name: page-on-critical
                mode: enforce
                continue: true
                match: {label: {min: CRITICAL}}
                actions:
                  - action: sns-notify
                    params: {topic-arn: "arn:aws:sns:us-east-1:111122223333:pager", priority: high}
              - name: block-brute-force
                mode: approve
                match: {type: ["UnauthorizedAccess:EC2/*BruteForce"]}
                actions:
                  - action: nacl-deny
                    ttl: 24h
                  - action: waf-block
                    ttl: PT12H
                    params: {ip-set-v4: blocked-ipv4}
              - name: never-reached-for-brute-force
                mode: observe
                match: {type: ["UnauthorizedAccess:*"]}
                actions: []
            """;

    private final Policy policy = PolicyLoader.load(POLICY, "test.yaml");

    private static Finding bruteForce(String remoteIp) {
        return TestFindings.guardDuty("UnauthorizedAccess:EC2/SSHBruteForce").instance("i-0abc").remoteIp(remoteIp)
                .build();
    }

    @Test
    void firstMatchWins() {
        assertThat(policy.playbooksFor(bruteForce("203.0.113.9"), score(50))).extracting(Playbook::name)
                .containsExactly("block-brute-force");
    }

    @Test
    void continueAddsTheNextMatchingPlaybooks() {
        assertThat(policy.playbooksFor(bruteForce("203.0.113.9"), score(95))).extracting(Playbook::name)
                .containsExactly("page-on-critical", "block-brute-force");
        Finding other = TestFindings.guardDuty("Discovery:S3/Anomaly").build();
        assertThat(policy.playbooksFor(other, score(95))).extracting(Playbook::name).containsExactly("page-on-critical");
    }

    @Test
    void noMatchIsAnEmptyList() {
        assertThat(policy.playbooksFor(TestFindings.inspector("PACKAGE_VULNERABILITY").build(), score(50))).isEmpty();
    }

    @Test
    void theFirstMatchingSuppressionRuleIsReported() {
        assertThat(policy.suppressionFor(bruteForce("198.51.100.4"), score(50))).map(SuppressionRule::name)
                .contains("scanner");
        Finding sampleFromScanner = TestFindings.guardDuty("Recon:EC2/PortProbeUnprotectedPort")
                .remoteIp("198.51.100.4").sample().build();
        assertThat(policy.suppressionFor(sampleFromScanner, score(50))).map(SuppressionRule::name).contains("scanner");
        assertThat(policy.suppressionFor(bruteForce("203.0.113.9"), score(50))).isEmpty();
    }

    @Test
    void playbookLookupByName() {
        assertThat(policy.playbook("block-brute-force")).isPresent();
        assertThat(policy.playbook("nope")).isEmpty();
    }

    @Test
    void serializesToJsonInThePolicyFileShape() throws Exception {
        ObjectMapper mapper = FindingCodec.configure(new ObjectMapper());
        JsonNode json = mapper.valueToTree(policy);
        assertThat(json.get("version").asText()).isEqualTo(policy.version());
        assertThat(json.get("sourceName").asText()).isEqualTo("test.yaml");
        assertThat(json.get("loadedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(json.get("suppressions").get(0).get("match").get("remote-ip").get(0).asText())
                .isEqualTo("198.51.100.0/24");
        JsonNode page = json.get("playbooks").get(0);
        assertThat(page.get("mode").asText()).isEqualTo("ENFORCE");
        assertThat(page.get("continue").asBoolean()).isTrue();
        assertThat(page.get("match").toString()).isEqualTo("{\"label\":{\"min\":\"CRITICAL\",\"max\":\"CRITICAL\"}}");
        JsonNode block = json.get("playbooks").get(1);
        assertThat(block.get("match").get("type").get(0).asText()).isEqualTo("UnauthorizedAccess:EC2/*BruteForce");
        assertThat(block.get("actions").get(0).get("ttl").asText()).isEqualTo("PT24H");
        assertThat(block.get("actions").get(1).get("params").get("ip-set-v4").asText()).isEqualTo("blocked-ipv4");
        assertThat(mapper.writeValueAsString(policy)).hasSizeLessThan(2_000);
    }

    @Test
    void serializesWithAPlainObjectMapperToo() throws Exception {
        String json = new ObjectMapper().findAndRegisterModules().writeValueAsString(policy.playbooks());
        assertThat(json).contains("\"name\":\"block-brute-force\"", "\"ttl\":\"PT12H\"");
    }
}
