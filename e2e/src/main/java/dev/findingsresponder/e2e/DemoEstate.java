package dev.findingsresponder.e2e;

import java.util.Map;

/**
 * The AWS resources the demo and the end-to-end tests act on, as provisioned in moto.
 *
 * @param account     the account everything lives in (moto's default account)
 * @param region      the region
 * @param vpcId       the VPC
 * @param subnets     subnet id by role ({@code web}, {@code app})
 * @param nacls       the network ACL of each subnet, by role
 * @param instances   instance id by role ({@code web}, {@code app}); the web one is the brute-force target
 * @param ipSetV4     name of the IPv4 WAF IP set
 * @param ipSetV6     name of the IPv6 WAF IP set
 * @param alertsTopic ARN of the SNS topic the playbooks notify
 * @param lowTopic    ARN of the low-priority SNS topic
 * @param queueUrls   SQS queue subscribed to each topic, by topic ARN
 */
public record DemoEstate(String account, String region, String vpcId, Map<String, String> subnets,
                         Map<String, String> nacls, Map<String, String> instances, String ipSetV4, String ipSetV6,
                         String alertsTopic, String lowTopic, Map<String, String> queueUrls) {

    /** The instance of {@code role} with its subnet and VPC, for the findings that name it. */
    public record Host(String instanceId, String subnetId, String vpcId, String privateIp) {
    }
}
