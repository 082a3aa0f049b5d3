package dev.findingsresponder.testsupport.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.findingsresponder.testsupport.MotoServer;

/** The proxy in front of the real moto: passes calls through, forges each protocol's errors, holds answers. */
class AwsFaultProxyTest {

    private static final String EC2_AUTH = auth("ec2");
    private static final String WAF_AUTH = auth("wafv2");
    private static final String EC2_FORM = "application/x-www-form-urlencoded; charset=utf-8";

    private final HttpClient http = HttpClient.newHttpClient();
    private AwsFaultProxy proxy;

    @BeforeEach
    void start() {
        proxy = AwsFaultProxy.start(MotoServer.ensureRunning(), 42, Duration.ofMillis(1500));
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    @Test
    void withoutFaultsEveryCallReachesMotoAndIsCounted() throws Exception {
        HttpResponse<String> answer = ec2("Action=DescribeVpcs&Version=2016-11-15", Duration.ofSeconds(10));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("DescribeVpcsResponse");
        assertThat(proxy.counts().calls()).isEqualTo(Map.of("ec2:DescribeVpcs", 1L));
        assertThat(proxy.counts().totalFaults()).isZero();
    }

    @Test
    void ec2ThrottlingIsRequestLimitExceededInEc2sXml() throws Exception {
        proxy.share(1.0).faults(Set.of(AwsFault.THROTTLING));

        HttpResponse<String> answer = ec2("Action=DescribeVpcs&Version=2016-11-15", Duration.ofSeconds(10));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("<Response><Errors><Error><Code>RequestLimitExceeded</Code>");
        assertThat(proxy.counts().faults()).isEqualTo(Map.of("ec2:DescribeVpcs", Map.of(AwsFault.THROTTLING, 1L)));
    }

    @Test
    void aLockConflictHitsOnlyUpdateIpSetAndOtherWafCallsPass() throws Exception {
        proxy.share(1.0).faults(Set.of(AwsFault.WAF_LOCK_CONFLICT));

        HttpResponse<String> update = waf("UpdateIPSet", "{}");
        HttpResponse<String> list = waf("ListIPSets", "{\"Scope\":\"REGIONAL\"}");

        assertThat(update.statusCode()).isEqualTo(400);
        assertThat(update.body()).contains("\"__type\":\"WAFOptimisticLockException\"");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("IPSets");
        assertThat(proxy.counts().calls()).containsEntry("wafv2:UpdateIPSet", 1L).containsEntry("wafv2:ListIPSets", 1L);
        assertThat(proxy.counts().total(AwsFault.WAF_LOCK_CONFLICT)).isEqualTo(1);
    }

    @Test
    void serverErrorsAre500And503WithTheServicesCodes() throws Exception {
        proxy.share(1.0).faults(Set.of(AwsFault.SERVER_ERROR));
        HttpResponse<String> internal = waf("ListIPSets", "{\"Scope\":\"REGIONAL\"}");
        proxy.faults(Set.of(AwsFault.UNAVAILABLE));
        HttpResponse<String> unavailable = ec2("Action=DescribeVpcs&Version=2016-11-15", Duration.ofSeconds(10));

        assertThat(internal.statusCode()).isEqualTo(500);
        assertThat(internal.body()).contains("WAFInternalErrorException");
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.body()).contains("<Code>Unavailable</Code>");
    }

    @Test
    void aTimeoutLetsTheCallThroughAndHoldsTheAnswerPastTheClientsPatience() throws Exception {
        String name = "timeout-" + UUID.randomUUID().toString().substring(0, 8);
        proxy.share("CreateSecurityGroup", 1.0).faults(EnumSet.of(AwsFault.TIMEOUT));

        assertThatThrownBy(() -> ec2("Action=CreateSecurityGroup&Version=2016-11-15&GroupName=" + name
                + "&GroupDescription=held", Duration.ofMillis(500))).isInstanceOf(HttpTimeoutException.class);

        HttpResponse<String> described = ec2("Action=DescribeSecurityGroups&Version=2016-11-15&Filter.1.Name=group-name"
                + "&Filter.1.Value.1=" + name, Duration.ofSeconds(10));
        assertThat(described.statusCode()).isEqualTo(200);
        assertThat(described.body()).as("the held call took effect").contains(name);
        assertThat(proxy.counts().faults()).isEqualTo(Map.of("ec2:CreateSecurityGroup", Map.of(AwsFault.TIMEOUT, 1L)));
    }

    @Test
    void theSeedDecidesWhichCallsFailAndTheShareHowMany() throws Exception {
        proxy.share(0.3).faults(Set.of(AwsFault.SERVER_ERROR));
        int failed = 0;
        for (int i = 0; i < 100; i++) {
            failed += ec2("Action=DescribeVpcs&Version=2016-11-15", Duration.ofSeconds(10)).statusCode() == 500 ? 1 : 0;
        }
        try (AwsFaultProxy same = AwsFaultProxy.start(MotoServer.ensureRunning(), 42, Duration.ofMillis(1))) {
            same.share(0.3).faults(Set.of(AwsFault.SERVER_ERROR));
            int again = 0;
            for (int i = 0; i < 100; i++) {
                again += send(same, "ec2", "Action=DescribeVpcs&Version=2016-11-15").statusCode() == 500 ? 1 : 0;
            }
            assertThat(again).isEqualTo(failed);
        }
        assertThat(failed).isEqualTo(proxy.counts().totalFaults()).isBetween(15, 45);
    }

    private HttpResponse<String> ec2(String form, Duration timeout) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(proxy.endpoint() + "/")).timeout(timeout)
                .header("Content-Type", EC2_FORM).header("Authorization", EC2_AUTH)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(AwsFaultProxy to, String service, String form)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(to.endpoint() + "/")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", EC2_FORM).header("Authorization", auth(service))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> waf(String operation, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(proxy.endpoint() + "/")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-amz-json-1.1").header("Authorization", WAF_AUTH)
                .header("X-Amz-Target", "AWSWAF_20190729." + operation)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String auth(String service) {
        return "AWS4-HMAC-SHA256 Credential=" + MotoServer.ACCESS_KEY + "/20260101/" + MotoServer.REGION + "/"
                + service + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=0";
    }
}
