package dev.findingsresponder.response.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.findingsresponder.testsupport.deploy.RepoFiles;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.wafv2.Wafv2Client;

/**
 * The plug-ins' declared permissions are the calls response-service's code makes: every SDK operation invoked
 * anywhere in its main sources (found by name: a method of an AWS client taking a {@code *Request}) is declared
 * by a plug-in, and every declared permission is called, except the ones AWS checks without a call of their own.
 * The deployment's IAM policies are generated from the declarations (IamPolicyTest), so a call added without
 * declaring it would be denied in production: this fails first.
 */
class DeclaredPermissionsTest {

    private static final Map<Class<?>, String> CLIENTS = Map.of(Ec2Client.class, "ec2", Wafv2Client.class, "wafv2",
            SnsClient.class, "sns", SsmClient.class, "ssm", StsClient.class, "sts", ConfigClient.class, "config");

    /** Declared permissions that are not an API call: AWS checks them while authorizing another one. */
    private static final Map<String, String> CHECKED_WITHOUT_A_CALL = Map.of(
            "iam:PassRole", "ssm:StartAutomationExecution with an AutomationAssumeRole passes that role to SSM");

    /** Calls response-service makes outside the plug-ins (StsAwsClients): granted by the admin policy only. */
    private static final Set<String> OUTSIDE_THE_PLUGINS = Set.of("sts:GetCallerIdentity");

    private static final Pattern CALL = Pattern.compile("\\.([a-z][A-Za-z0-9]*)\\(");

    @Test
    void pluginsDeclareExactlyTheAwsCallsTheCodeMakes() throws IOException {
        Map<String, Set<String>> iamActionsByMethod = new TreeMap<>();
        CLIENTS.forEach((client, prefix) -> {
            for (Method method : client.getMethods()) {
                if (method.getParameterCount() == 1 && method.getParameterTypes()[0].getSimpleName().endsWith("Request")) {
                    iamActionsByMethod.computeIfAbsent(method.getName(), m -> new TreeSet<>())
                            .add(prefix + ":" + Character.toUpperCase(method.getName().charAt(0)) + method.getName().substring(1));
                }
            }
        });
        assertThat(iamActionsByMethod).containsKeys("createNetworkAclEntry", "updateIPSet", "publish",
                "startAutomationExecution", "getCallerIdentity");

        Map<String, String> calledWhere = new LinkedHashMap<>();
        Path main = RepoFiles.find("response-service/src/main/java");
        try (Stream<Path> files = Files.walk(main)) {
            files.filter(p -> p.toString().endsWith(".java")).sorted().forEach(file -> {
                Matcher call = CALL.matcher(read(file));
                while (call.find()) {
                    for (String action : iamActionsByMethod.getOrDefault(call.group(1), Set.of())) {
                        calledWhere.putIfAbsent(action, main.relativize(file).toString());
                    }
                }
            });
        }

        Set<String> declared = new TreeSet<>();
        ActionRegistry.defaults().all().forEach(plugin -> declared.addAll(plugin.permissions()));
        Set<String> expectedCalls = new TreeSet<>(declared);
        expectedCalls.removeAll(CHECKED_WITHOUT_A_CALL.keySet());
        expectedCalls.addAll(OUTSIDE_THE_PLUGINS);

        assertThat(calledWhere.keySet()).as("SDK calls in the code (with the file of the first one): %s", calledWhere)
                .containsExactlyInAnyOrderElementsOf(expectedCalls);
        assertThat(declared).containsAll(CHECKED_WITHOUT_A_CALL.keySet());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
