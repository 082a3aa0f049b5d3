package dev.findingsresponder.triage.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TypeGlobTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "UnauthorizedAccess:EC2/SSHBruteForce | UnauthorizedAccess:EC2/SSHBruteForce | true",
            "UnauthorizedAccess:EC2/SSHBruteForce | unauthorizedaccess:ec2/sshbruteforce | true",
            "UnauthorizedAccess:EC2/SSHBruteForce | UnauthorizedAccess:EC2/SSHBruteForce2 | false",
            "UnauthorizedAccess:EC2/*              | UnauthorizedAccess:EC2/RDPBruteForce  | true",
            "UnauthorizedAccess:EC2/*              | UnauthorizedAccess:EC2/               | true",
            "UnauthorizedAccess:EC2/*              | UnauthorizedAccess:IAMUser/TorIPCaller | false",
            "Recon:EC2/PortProbe*                  | Recon:EC2/PortProbeEMRUnprotectedPort | true",
            "*:EC2/*                               | Backdoor:EC2/C&CActivity.B!DNS        | true",
            "*:EC2/*                               | Backdoor:Lambda/C&CActivity.B         | false",
            "Backdoor:EC2/C&CActivity.B?DNS        | Backdoor:EC2/C&CActivity.B!DNS        | true",
            "Backdoor:EC2/C&CActivity.B?DNS        | Backdoor:EC2/C&CActivity.BDNS         | false",
            "*BruteForce                           | UnauthorizedAccess:EC2/SSHBruteForce  | true",
            "*BruteForce                           | UnauthorizedAccess:EC2/SSHBruteForcer | false",
            "*                                     | anything at all                       | true",
            "a*b*c                                 | aXXbYYbZZc                            | true",
            "a*b*c                                 | aXXbYYcZZ                             | false",
            "a**c                                  | ac                                    | true",
            "??                                    | ab                                    | true",
            "??                                    | abc                                   | false",
            "*s3-bucket-public-read-prohibited*    | securityhub-s3-bucket-public-read-prohibited-a1b2 | true",
            "Software and Configuration Checks/*   | Software and Configuration Checks/Vulnerabilities/CVE | true"})
    void matches(String glob, String type, boolean expected) {
        assertThat(TypeGlob.compile(glob).matches(type)).isEqualTo(expected);
    }

    @Test
    void nullTypeNeverMatches() {
        assertThat(TypeGlob.compile("*").matches(null)).isFalse();
    }

    @Test
    void refusesEmptyWhitespaceAndRegexCharacters() {
        assertThat(TypeGlob.problem("")).contains("invalid type glob '' in type: a glob must not be empty");
        assertThat(TypeGlob.problem("Recon* ")).contains("invalid type glob 'Recon* ' in type: leading or trailing whitespace");
        assertThat(TypeGlob.problem("Recon:EC2/.*$"))
                .contains("invalid type glob 'Recon:EC2/.*$' in type: character '$' is not allowed (only * and ? are wildcards)");
        assertThat(TypeGlob.problem("a\u0001b"))
                .contains("invalid type glob 'a\u0001b' in type: character '\\u0001' is not allowed (only * and ? are wildcards)");
        assertThat(TypeGlob.problem("Backdoor:EC2/C&CActivity.B!DNS")).isEmpty();
        assertThatThrownBy(() -> TypeGlob.compile("{a,b}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("character '{' is not allowed");
    }

    @Test
    void serializesAsItsText() throws Exception {
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(TypeGlob.compile("Recon:*")))
                .isEqualTo("\"Recon:*\"");
    }
}
