package dev.findingsresponder.model.decode;

/**
 * Field names of the GuardDuty action model in its two spellings: camelCase (GuardDuty findings and the
 * GuardDuty keys flattened into ASFF ProductFields) and PascalCase (ASFF {@code Action}).
 */
final class ActionKeys {

    static final ActionKeys CAMEL = new ActionKeys(false);
    static final ActionKeys PASCAL = new ActionKeys(true);

    final String networkConnectionAction;
    final String awsApiCallAction;
    final String portProbeAction;
    final String kubernetesApiCallAction;
    final String rdsLoginAttemptAction;
    final String dnsRequestAction;
    final String connectionDirection;
    final String remoteIpDetails;
    final String localIpDetails;
    final String remotePortDetails;
    final String localPortDetails;
    final String port;
    final String protocol;
    final String blocked;
    final String ipAddressV4;
    final String ipAddressV6;
    final String organization;
    final String asn;
    final String asnOrg;
    final String org;
    final String isp;
    final String country;
    final String countryCode;
    final String countryName;
    final String domainDetails;
    final String domain;
    final String portProbeDetails;
    final String sourceIps;

    private ActionKeys(boolean pascal) {
        networkConnectionAction = k("networkConnectionAction", pascal);
        awsApiCallAction = k("awsApiCallAction", pascal);
        portProbeAction = k("portProbeAction", pascal);
        kubernetesApiCallAction = k("kubernetesApiCallAction", pascal);
        rdsLoginAttemptAction = k("rdsLoginAttemptAction", pascal);
        dnsRequestAction = k("dnsRequestAction", pascal);
        connectionDirection = k("connectionDirection", pascal);
        remoteIpDetails = k("remoteIpDetails", pascal);
        localIpDetails = k("localIpDetails", pascal);
        remotePortDetails = k("remotePortDetails", pascal);
        localPortDetails = k("localPortDetails", pascal);
        port = k("port", pascal);
        protocol = k("protocol", pascal);
        blocked = k("blocked", pascal);
        ipAddressV4 = k("ipAddressV4", pascal);
        ipAddressV6 = k("ipAddressV6", pascal);
        organization = k("organization", pascal);
        asn = k("asn", pascal);
        asnOrg = k("asnOrg", pascal);
        org = k("org", pascal);
        isp = k("isp", pascal);
        country = k("country", pascal);
        countryCode = k("countryCode", pascal);
        countryName = k("countryName", pascal);
        domainDetails = k("domainDetails", pascal);
        domain = k("domain", pascal);
        portProbeDetails = k("portProbeDetails", pascal);
        sourceIps = pascal ? "SourceIps" : "sourceIPs";
    }

    private static String k(String camel, boolean pascal) {
        return pascal ? Character.toUpperCase(camel.charAt(0)) + camel.substring(1) : camel;
    }
}
