package dev.findingsresponder.testsupport.auth;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.findingsresponder.testsupport.EventFixtures;

/** GuardDuty credential exfiltration events carrying temporary credentials, for tests that no log repeats them. */
public final class CredentialEvents {

    public static final String SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public static final String SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLEsessionTOKENvalue0123456789abcdef";
    private static final String FIXTURE =
            "guardduty/eb_unauthorizedaccess-iamuser-instancecredentialexfiltration-outsideaws.json";

    private CredentialEvents() {
    }

    /**
     * A fresh credential exfiltration event with temporary credentials in {@code service.additionalInfo}; without
     * its finding type (so rejected) when {@code broken}.
     */
    public static byte[] withCredentials(boolean broken) {
        try {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode event = (ObjectNode) mapper.readTree(EventFixtures.freshGuardDuty(FIXTURE));
            ObjectNode detail = (ObjectNode) event.get("detail");
            ObjectNode credentials = ((ObjectNode) detail.with("service").with("additionalInfo"))
                    .putObject("Credentials");
            credentials.put("AccessKeyId", "ASIAEXAMPLEKEY000002");
            credentials.put("SecretAccessKey", SECRET_ACCESS_KEY);
            credentials.put("SessionToken", SESSION_TOKEN);
            if (broken) {
                detail.remove("type");
            }
            return mapper.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
