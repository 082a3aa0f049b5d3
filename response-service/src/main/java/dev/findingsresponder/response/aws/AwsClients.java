package dev.findingsresponder.response.aws;

import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.wafv2.Wafv2Client;

/**
 * AWS clients for the account and region an action runs in: the admin account's own credentials, or a
 * role assumed in a member account. Implementations cache clients and credentials.
 */
public interface AwsClients {

    Ec2Client ec2(String account, String region);

    Wafv2Client waf(String account, String region);

    SnsClient sns(String account, String region);

    SsmClient ssm(String account, String region);

    ConfigClient config(String account, String region);
}
