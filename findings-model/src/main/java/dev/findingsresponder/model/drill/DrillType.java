package dev.findingsresponder.model.drill;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The GuardDuty findings a drill can generate: the drill name an operator types, the GuardDuty finding type and
 * severity it produces, and the shape of its {@code service.action}.
 */
public enum DrillType {

    SSH_BRUTE_FORCE("ssh-brute-force", "UnauthorizedAccess:EC2/SSHBruteForce", 5,
            "inbound SSH (port 22) connections from the attacker"),
    RDP_BRUTE_FORCE("rdp-brute-force", "UnauthorizedAccess:EC2/RDPBruteForce", 5,
            "inbound RDP (port 3389) connections from the attacker"),
    PORT_PROBE("port-probe", "Recon:EC2/PortProbeUnprotectedPort", 2,
            "the attacker probes several unprotected ports of the instance"),
    CRYPTO_MINING("crypto-mining", "CryptoCurrency:EC2/BitcoinTool.B", 8,
            "the instance connects out to a mining pool address"),
    CREDENTIAL_EXFILTRATION("credential-exfiltration",
            "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", 8,
            "the instance role's credentials are used from the attacker's address"),
    MALICIOUS_IP_CALLER("malicious-ip-caller", "UnauthorizedAccess:EC2/MaliciousIPCaller.Custom", 5,
            "the instance connects out to an address on a custom threat list");

    private final String drillName;
    private final String findingType;
    private final int severity;
    private final String summary;

    DrillType(String drillName, String findingType, int severity, String summary) {
        this.drillName = drillName;
        this.findingType = findingType;
        this.severity = severity;
        this.summary = summary;
    }

    /** The name operators use ({@code ssh-brute-force}). */
    public String drillName() {
        return drillName;
    }

    /** The GuardDuty finding type generated. */
    public String findingType() {
        return findingType;
    }

    /** GuardDuty severity (1-10) of the generated findings. */
    public int severity() {
        return severity;
    }

    /** One line for help texts. */
    public String summary() {
        return summary;
    }

    /** The type named {@code name} (case-insensitive); unknown names are refused with the list of known ones. */
    public static DrillType named(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidDrillSpecException("type is required; known types: " + knownNames());
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (DrillType type : values()) {
            if (type.drillName.equals(wanted)) {
                return type;
            }
        }
        throw new InvalidDrillSpecException("unknown drill type '" + name + "'; known types: " + knownNames());
    }

    /** Every drill name, comma-separated. */
    public static String knownNames() {
        return Arrays.stream(values()).map(DrillType::drillName).collect(Collectors.joining(", "));
    }
}
