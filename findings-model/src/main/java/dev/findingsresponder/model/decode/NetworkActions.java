package dev.findingsresponder.model.decode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.findingsresponder.model.Direction;
import dev.findingsresponder.model.Finding.NetworkIndicator;
import dev.findingsresponder.model.IndicatorKind;
import java.util.List;

/**
 * Extracts remote network indicators from a GuardDuty-style {@code action} object (GuardDuty
 * {@code service.action}, ASFF {@code Action}, or GuardDuty ProductFields unflattened). Every action object
 * present is read, whatever {@code actionType} says, and every port-probe entry yields an indicator.
 */
final class NetworkActions {

    private NetworkActions() {
    }

    static void extract(JsonNode action, ActionKeys k, JPath at, List<NetworkIndicator> out) {
        if (action == null || !action.isObject()) {
            return;
        }
        JsonNode nc = Json.obj(action, k.networkConnectionAction, at);
        if (nc != null) {
            Direction dir = direction(Json.text(nc, k.connectionDirection));
            addRemote(out, k, IndicatorKind.NETWORK_CONNECTION, dir, Json.objOrNull(nc, k.remoteIpDetails),
                    Json.port(Json.objOrNull(nc, k.remotePortDetails), k.port), localIp(nc, k),
                    Json.port(Json.objOrNull(nc, k.localPortDetails), k.port),
                    Json.text(nc, k.protocol), Json.bool(nc, k.blocked), null);
        }
        JsonNode api = Json.obj(action, k.awsApiCallAction, at);
        if (api != null) {
            String domain = Json.text(Json.objOrNull(api, k.domainDetails), k.domain);
            JsonNode remote = Json.objOrNull(api, k.remoteIpDetails);
            if (!addRemote(out, k, IndicatorKind.AWS_API_CALL, Direction.INBOUND, remote, null, null, null, null, null,
                    domain) && domain != null) {
                out.add(domainOnly(IndicatorKind.AWS_API_CALL, Direction.INBOUND, domain, null, null));
            }
        }
        JsonNode probe = Json.obj(action, k.portProbeAction, at);
        if (probe != null) {
            Boolean blocked = Json.bool(probe, k.blocked);
            JsonNode details = Json.arr(probe, k.portProbeDetails, at.field(k.portProbeAction));
            if (details != null) {
                for (JsonNode d : details) {
                    addRemote(out, k, IndicatorKind.PORT_PROBE, Direction.INBOUND, Json.objOrNull(d, k.remoteIpDetails),
                            null, localIp(d, k), Json.port(Json.objOrNull(d, k.localPortDetails), k.port), null,
                            blocked, null);
                }
            }
        }
        JsonNode kube = Json.obj(action, k.kubernetesApiCallAction, at);
        if (kube != null) {
            JsonNode remote = Json.objOrNull(kube, k.remoteIpDetails);
            addRemote(out, k, IndicatorKind.KUBERNETES_API_CALL, Direction.INBOUND, remote, null, null, null, null,
                    null, null);
            for (String ip : Json.texts(kube, k.sourceIps)) {
                if (!ip.equals(Json.text(remote, k.ipAddressV4)) && !ip.equals(Json.text(remote, k.ipAddressV6))) {
                    out.add(new NetworkIndicator(IndicatorKind.KUBERNETES_API_CALL, Direction.INBOUND, ip,
                            IpAddresses.version(ip), null, null, null, null, null, null, null, null, null, null, null,
                            null));
                }
            }
        }
        JsonNode rds = Json.obj(action, k.rdsLoginAttemptAction, at);
        if (rds != null) {
            addRemote(out, k, IndicatorKind.RDS_LOGIN_ATTEMPT, Direction.INBOUND, Json.objOrNull(rds, k.remoteIpDetails),
                    null, null, null, null, null, null);
        }
        JsonNode dns = Json.obj(action, k.dnsRequestAction, at);
        if (dns != null) {
            String domain = Json.text(dns, k.domain);
            if (domain != null) {
                out.add(domainOnly(IndicatorKind.DNS_REQUEST, Direction.OUTBOUND, domain, Json.text(dns, k.protocol),
                        Json.bool(dns, k.blocked)));
            }
        }
    }

    static Direction direction(String s) {
        if (s == null) {
            return null;
        }
        if (s.equalsIgnoreCase("INBOUND") || s.equalsIgnoreCase("IN")) {
            return Direction.INBOUND;
        }
        if (s.equalsIgnoreCase("OUTBOUND") || s.equalsIgnoreCase("OUT")) {
            return Direction.OUTBOUND;
        }
        return Direction.UNKNOWN;
    }

    private static String localIp(JsonNode parent, ActionKeys k) {
        JsonNode local = Json.objOrNull(parent, k.localIpDetails);
        String v4 = Json.text(local, k.ipAddressV4);
        return v4 != null ? v4 : Json.text(local, k.ipAddressV6);
    }

    private static NetworkIndicator domainOnly(IndicatorKind kind, Direction dir, String domain, String protocol,
            Boolean blocked) {
        return new NetworkIndicator(kind, dir, null, null, null, null, null, null, protocol, null, null, null, null,
                null, domain, blocked);
    }

    /** Adds one indicator per remote address (v4 and/or v6); false if {@code remote} holds no address. */
    private static boolean addRemote(List<NetworkIndicator> out, ActionKeys k, IndicatorKind kind, Direction dir,
            JsonNode remote, Integer remotePort, String localIp, Integer localPort, String protocol, Boolean blocked,
            String domain) {
        if (remote == null) {
            return false;
        }
        String v4 = Json.text(remote, k.ipAddressV4);
        String v6 = Json.text(remote, k.ipAddressV6);
        if (v4 == null && v6 == null) {
            return false;
        }
        JsonNode org = Json.objOrNull(remote, k.organization);
        JsonNode country = Json.objOrNull(remote, k.country);
        Long asn = Json.longValue(org == null ? null : org.get(k.asn));
        if (asn != null && asn <= 0) {
            asn = null;
        }
        String orgName = Arns.firstNonBlank(Json.text(org, k.org), Json.text(org, k.isp));
        String countryCode = Json.text(country, k.countryCode);
        String countryName = Json.text(country, k.countryName);
        String asnOrg = Json.text(org, k.asnOrg);
        if (v4 != null) {
            out.add(new NetworkIndicator(kind, dir, v4, 4, remotePort, localIp, localPort, null, protocol, countryCode,
                    countryName, asn, asnOrg, orgName, domain, blocked));
        }
        if (v6 != null) {
            out.add(new NetworkIndicator(kind, dir, v6, 6, remotePort, localIp, localPort, null, protocol, countryCode,
                    countryName, asn, asnOrg, orgName, domain, blocked));
        }
        return true;
    }
}
