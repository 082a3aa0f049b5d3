package dev.findingsresponder.response.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.findingsresponder.response.action.ActionRegistry;
import dev.findingsresponder.response.action.ResponseAction;
import dev.findingsresponder.response.config.AwsConfig;
import dev.findingsresponder.testsupport.deploy.CloudFormationTemplate;
import dev.findingsresponder.testsupport.deploy.IamPolicy;
import dev.findingsresponder.testsupport.deploy.RepoFiles;
import io.smallrye.config.WithDefault;

/**
 * The least-privilege policies of {@code deploy/aws} grant response-service exactly what its plug-ins declare
 * ({@link ResponseAction#permissions()}): the admin-account policy (JSON and the IRSA role of admin-roles.yaml)
 * adds only sts:AssumeRole on the member role and sts:GetCallerIdentity; the member role grants the plug-in
 * permissions and nothing else. Adding a plug-in permission without granting it, or granting one no plug-in
 * declares, fails here.
 */
class IamPolicyTest {

    /** What StsAwsClients calls itself: AssumeRole into member accounts, GetCallerIdentity to learn the admin account. */
    static final Set<String> STS_ACTIONS = Set.of("sts:AssumeRole", "sts:GetCallerIdentity");

    /**
     * The only actions that may be granted on {@code Resource: "*"}: those AWS authorizes without resource-level
     * permissions. Every other statement must name ARNs (patterns).
     */
    static final Set<String> NO_RESOURCE_LEVEL = Set.of("ec2:DescribeInstances", "ec2:DescribeNetworkAcls",
            "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups", "wafv2:ListIPSets", "sts:GetCallerIdentity",
            "config:GetComplianceDetailsByResource");

    private static final ObjectMapper JSON = new ObjectMapper();

    static Set<String> pluginPermissions() {
        Set<String> permissions = new TreeSet<>();
        ActionRegistry.defaults().all().forEach(action -> permissions.addAll(action.permissions()));
        return permissions;
    }

    static Set<String> adminPermissions() {
        Set<String> permissions = new TreeSet<>(pluginPermissions());
        permissions.addAll(STS_ACTIONS);
        return permissions;
    }

    static Path cloudFormation(String file) {
        return RepoFiles.find("deploy/aws/cloudformation/" + file);
    }

    static IamPolicy jsonPolicy(String file) {
        try {
            return IamPolicy.of(JSON.readValue(RepoFiles.find("deploy/aws/iam/" + file).toFile(), Map.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void thePluginsDeclarePermissions() {
        assertThat(pluginPermissions()).isNotEmpty()
                .allSatisfy(p -> assertThat(p).as("one exact IAM action, no wildcard").matches("[a-z0-9-]+:[A-Za-z0-9]+"))
                .doesNotContainAnyElementsOf(STS_ACTIONS);
    }

    @Test
    void responseServicePolicyAllowsExactlyThePluginPermissionsPlusSts() {
        IamPolicy policy = jsonPolicy("response-service-policy.json");
        assertThat(policy.allowedActions()).containsExactlyInAnyOrderElementsOf(adminPermissions());
        assertThat(policy.statements()).as("nothing but Allow statements").allSatisfy(s ->
                assertThat(s.get("Effect")).isEqualTo("Allow"));
    }

    @Test
    void memberRoleAllowsExactlyThePluginPermissions() {
        CloudFormationTemplate template = CloudFormationTemplate.load(cloudFormation("member-role.yaml"));
        assertThat(template.resourcesOfType("AWS::IAM::Role")).containsExactly("MemberRole");
        assertThat(IamPolicy.ofRole(template, "MemberRole").allowedActions())
                .containsExactlyInAnyOrderElementsOf(pluginPermissions());
    }

    @Test
    void adminResponseRoleAllowsExactlyThePluginPermissionsPlusSts() {
        CloudFormationTemplate template = CloudFormationTemplate.load(cloudFormation("admin-roles.yaml"));
        assertThat(IamPolicy.ofRole(template, "ResponseServiceRole").allowedActions())
                .containsExactlyInAnyOrderElementsOf(adminPermissions());
    }

    /** One statement per group of calls, with the same Sid and actions in the JSON policy and both templates. */
    @Test
    void statementsAgreeAcrossTheJsonPolicyAndTheTemplates() {
        Map<String, Set<String>> json = jsonPolicy("response-service-policy.json").allowedActionsBySid();
        Map<String, Set<String>> admin = IamPolicy.ofRole(
                CloudFormationTemplate.load(cloudFormation("admin-roles.yaml")), "ResponseServiceRole").allowedActionsBySid();
        Map<String, Set<String>> member = IamPolicy.ofRole(
                CloudFormationTemplate.load(cloudFormation("member-role.yaml")), "MemberRole").allowedActionsBySid();

        assertThat(admin).isEqualTo(json);
        Map<String, Set<String>> jsonWithoutSts = new LinkedHashMap<>(json);
        jsonWithoutSts.values().removeIf(actions -> actions.stream().allMatch(STS_ACTIONS::contains));
        assertThat(member).isEqualTo(jsonWithoutSts);
        assertThat(json.keySet()).allSatisfy(sid -> assertThat(sid).matches("[A-Za-z0-9]+"));
    }

    @Test
    void everyStatementHasAUniqueSidAndNoNegation() {
        List<IamPolicy> policies = List.of(jsonPolicy("response-service-policy.json"),
                IamPolicy.ofRole(CloudFormationTemplate.load(cloudFormation("admin-roles.yaml")), "ResponseServiceRole"),
                IamPolicy.ofRole(CloudFormationTemplate.load(cloudFormation("member-role.yaml")), "MemberRole"));
        for (IamPolicy policy : policies) {
            List<Object> sids = new ArrayList<>();
            policy.statements().forEach(s -> {
                sids.add(s.get("Sid"));
                assertThat(s).doesNotContainKeys("NotAction", "NotResource", "NotPrincipal");
                assertThat(IamPolicy.strings(s.get("Action"))).noneMatch(a -> a.contains("*") || a.contains("?"));
            });
            assertThat(sids).doesNotContainNull().doesNotHaveDuplicates();
        }
    }

    /** {@code Resource: "*"} only where the API has no resource-level permissions (the README lists them). */
    @Test
    void wildcardResourcesOnlyWhereTheApiOffersNoResourceLevel() {
        List<IamPolicy> policies = List.of(jsonPolicy("response-service-policy.json"),
                IamPolicy.ofRole(CloudFormationTemplate.load(cloudFormation("admin-roles.yaml")), "ResponseServiceRole"),
                IamPolicy.ofRole(CloudFormationTemplate.load(cloudFormation("member-role.yaml")), "MemberRole"));
        Set<String> grantedOnStar = new TreeSet<>();
        for (IamPolicy policy : policies) {
            for (Map<String, Object> s : policy.allowStatements()) {
                List<String> actions = IamPolicy.strings(s.get("Action"));
                if (IamPolicy.strings(s.get("Resource")).contains("*")) {
                    assertThat(IamPolicy.strings(s.get("Resource"))).as(s.get("Sid") + ": * stands alone").containsExactly("*");
                    grantedOnStar.addAll(actions);
                } else {
                    assertThat(s.get("Resource")).as(s.get("Sid") + " names resources").isNotNull();
                }
            }
        }
        assertThat(grantedOnStar).isSubsetOf(NO_RESOURCE_LEVEL);
        String readme = read(RepoFiles.find("deploy/aws/README.md"));
        assertThat(NO_RESOURCE_LEVEL).allSatisfy(action -> assertThat(readme).contains(action));
    }

    @Test
    void responseServiceAssumesTheMemberRoleTheTemplateCreates() throws Exception {
        String memberRoleName = AwsConfig.class.getMethod("memberRoleName").getAnnotation(WithDefault.class).value();

        List<String> assumed = jsonPolicy("response-service-policy.json").allowStatements().stream()
                .filter(s -> IamPolicy.strings(s.get("Action")).contains("sts:AssumeRole"))
                .flatMap(s -> IamPolicy.strings(s.get("Resource")).stream()).toList();
        assertThat(assumed).containsExactly("arn:aws:iam::*:role/" + memberRoleName);

        CloudFormationTemplate member = CloudFormationTemplate.load(cloudFormation("member-role.yaml"));
        assertThat(member.parameterDefault("RoleName")).isEqualTo(memberRoleName);
        assertThat(member.properties("MemberRole").get("RoleName")).isEqualTo(Map.of("Ref", "RoleName"));

        CloudFormationTemplate admin = CloudFormationTemplate.load(cloudFormation("admin-roles.yaml"));
        assertThat(admin.parameterDefault("MemberRoleName")).isEqualTo(memberRoleName);
        // the member role trusts the admin role by the name admin-roles.yaml gives it
        assertThat(member.parameterDefault("ResponseServiceRoleName"))
                .isEqualTo(admin.parameterDefault("ResponseServiceRoleName"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void memberRoleTrustsOnlyTheAdminResponseRoleWithTheExternalId() {
        CloudFormationTemplate template = CloudFormationTemplate.load(cloudFormation("member-role.yaml"));
        IamPolicy trust = IamPolicy.of(template.properties("MemberRole").get("AssumeRolePolicyDocument"));
        assertThat(trust.statements()).hasSize(1);
        Map<String, Object> statement = trust.statements().get(0);
        assertThat(statement.get("Effect")).isEqualTo("Allow");
        assertThat(statement.get("Action")).isEqualTo("sts:AssumeRole");
        Map<String, Object> principal = (Map<String, Object>) statement.get("Principal");
        assertThat(principal).containsOnlyKeys("AWS");
        assertThat(principal.get("AWS")).isNotEqualTo("*")
                .isEqualTo(Map.of("Fn::Sub", "arn:${AWS::Partition}:iam::${AdminAccountId}:root"));
        Map<String, Object> condition = (Map<String, Object>) statement.get("Condition");
        assertThat(condition.get("StringEquals")).isEqualTo(Map.of("sts:ExternalId", Map.of("Ref", "ExternalId")));
        assertThat(condition.get("ArnEquals")).isEqualTo(Map.of("aws:PrincipalArn",
                Map.of("Fn::Sub", "arn:${AWS::Partition}:iam::${AdminAccountId}:role/${ResponseServiceRoleName}")));

        Map<String, Object> externalId = CloudFormationTemplate.asMap(template.parameters().get("ExternalId"), "ExternalId");
        assertThat(externalId).containsEntry("NoEcho", true).doesNotContainKey("Default");
        assertThat((Integer) externalId.get("MinLength")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void adminRolesTrustOnlyTheirKubernetesServiceAccounts() {
        CloudFormationTemplate template = CloudFormationTemplate.load(cloudFormation("admin-roles.yaml"));
        for (String[] role : new String[][] {{"ResponseServiceRole", "ResponseServiceAccount"},
                {"IngestServiceRole", "IngestServiceAccount"}}) {
            Object trust = template.properties(role[0]).get("AssumeRolePolicyDocument");
            assertThat(trust).isInstanceOf(Map.class);
            String document = String.valueOf(((Map<?, ?>) trust).get("Fn::Sub"));
            assertThat(document).as(role[0])
                    .contains("\"sts:AssumeRoleWithWebIdentity\"")
                    .contains("\"${OidcProvider}:sub\": \"system:serviceaccount:${Namespace}:${" + role[1] + "}\"")
                    .contains("\"${OidcProvider}:aud\": \"sts.amazonaws.com\"")
                    .doesNotContain("\"*\"");
        }
    }

    /** Each template loads (short-form tags included), has resources, and refers only to what it defines. */
    @TestFactory
    Stream<DynamicTest> everyTemplateLoadsAndItsReferencesResolve() throws IOException {
        List<Path> templates;
        try (Stream<Path> files = Files.list(RepoFiles.find("deploy/aws/cloudformation"))) {
            templates = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(templates).extracting(p -> p.getFileName().toString())
                .contains("member-role.yaml", "admin-roles.yaml", "eventbridge.yaml");
        return templates.stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> {
            CloudFormationTemplate template = CloudFormationTemplate.load(path);
            assertThat(template.root().get("AWSTemplateFormatVersion")).isEqualTo("2010-09-09");
            assertThat(template.resources()).isNotEmpty();
            assertThat(template.danglingReferences()).isEmpty();
        }));
    }

    /** triage-service reads threat lists from URLs and files only: it has no AWS SDK and needs no AWS permissions. */
    @Test
    void triageServiceCallsNoAwsApi() throws IOException {
        assertThat(read(RepoFiles.find("triage-service/pom.xml"))).doesNotContain("software.amazon.awssdk");
        try (Stream<Path> sources = Files.walk(RepoFiles.find("triage-service/src/main"))) {
            assertThat(sources.filter(Files::isRegularFile).map(IamPolicyTest::read))
                    .noneMatch(text -> text.contains("software.amazon.awssdk") || text.contains("amazonaws.com"));
        }
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
