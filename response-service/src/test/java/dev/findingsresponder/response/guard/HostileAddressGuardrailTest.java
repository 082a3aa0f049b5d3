package dev.findingsresponder.response.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The adversarial address set against the guardrails alone: every one is refused with a reason. */
class HostileAddressGuardrailTest {

    private final Guardrails guardrails = new Guardrails(new GuardrailSettings(List.of(HostileAddresses.OWN_CIDR),
            HostileAddresses.TRUSTED_CIDRS, false));

    @Test
    void everyHostileAddressIsRefusedWithAReason() {
        for (String address : HostileAddresses.all()) {
            assertThat(guardrails.addressViolation(address)).as("guardrail for '%s'", address).isPresent()
                    .get().asString().isNotBlank().hasSizeLessThan(400);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2001:0000:4136:e378:8000:63bf:f5ff:fffe", "2001:0:4136:e378:8000:63bf:3fff:fdd2"})
    void teredoIsCheckedByTheInvertedClientAddressItEmbeds(String address) {
        // f5ff:fffe is 10.0.0.1 inverted, 3fff:fdd2 is 192.0.2.45 inverted (documentation: allowed)
        assertThat(guardrails.addressViolation(address).orElse("allowed"))
                .isEqualTo(address.endsWith("fffe")
                        ? address + " (Teredo client 2001::/32, embedding 10.0.0.1) is in private range 10.0.0.0/8 (RFC 1918)"
                        : "allowed");
    }

    @Test
    void teredoServerAndIpv4TranslatedFormsAreCheckedToo() {
        assertThat(guardrails.addressViolation("2001:0:a00:1::1")).get().asString().contains("Teredo server");
        assertThat(guardrails.addressViolation("::ffff:0:10.0.0.1")).get().asString().contains("IPv4-translated");
        // server 203.0.113.10 and client 192.0.2.45 (inverted 3fff:fdd2): documentation addresses, allowed
        assertThat(guardrails.addressViolation("2001:0:cb00:710a:8000:63bf:3fff:fdd2")).isEmpty();
    }
}
