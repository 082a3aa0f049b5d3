package dev.findingsresponder.model;

/** Where a {@link Finding.NetworkIndicator} came from (GuardDuty action type, ASFF object, Inspector path). */
public enum IndicatorKind {
    NETWORK_CONNECTION,
    AWS_API_CALL,
    PORT_PROBE,
    DNS_REQUEST,
    KUBERNETES_API_CALL,
    RDS_LOGIN_ATTEMPT,
    /** ASFF top-level {@code Network} object (a flow with source and destination). */
    NETWORK_FLOW,
    /** Inspector network reachability: an open port range reachable from outside; no remote address. */
    NETWORK_REACHABILITY,
    /** GuardDuty attack sequence: {@code service.detection.sequence} endpoints and IP/domain indicators. */
    ATTACK_SEQUENCE
}
