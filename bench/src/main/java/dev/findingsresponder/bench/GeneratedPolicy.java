package dev.findingsresponder.bench;

/**
 * A large policy for benchmarks: {@code n - 1} playbooks with realistic criteria (product, two type globs,
 * score range, tags, remote CIDRs) that the fixtures almost never satisfy, so every finding is checked
 * against all of them, then a catch-all. Worst case for first-match routing.
 */
final class GeneratedPolicy {

    private GeneratedPolicy() {
    }

    static String yaml(int n) {
        StringBuilder yaml = new StringBuilder("version: 1\nsuppressions:\n");
        for (int i = 0; i < 20; i++) {
            yaml.append("  - name: suppress-").append(i).append('\n')
                    .append("    match:\n")
                    .append("      account: [\"9999000000").append(String.format("%02d", i)).append("\"]\n")
                    .append("      remote-ip: [\"192.0.2.").append(i).append("/32\"]\n");
        }
        yaml.append("playbooks:\n");
        for (int i = 0; i < n - 1; i++) {
            yaml.append("  - name: generated-").append(i).append('\n')
                    .append("    mode: observe\n")
                    .append("    match:\n")
                    .append("      product: [GUARDDUTY, INSPECTOR]\n")
                    .append("      type: [\"Generated").append(i).append(":EC2/*\", \"*Family").append(i).append("!DNS\"]\n")
                    .append("      score: { min: ").append(i % 50).append(" }\n")
                    .append("      tags: { team: [\"team-").append(i).append("\"] }\n")
                    .append("      remote-ip: [\"203.0.113.").append(i % 250).append("/32\", \"2001:db8:").append(Integer.toHexString(i))
                    .append("::/48\"]\n")
                    .append("    actions:\n")
                    .append("      - action: sns-notify\n")
                    .append("        params: { topic-arn: \"arn:aws:sns:us-east-1:111122223333:generated-").append(i).append("\" }\n");
        }
        yaml.append("  - name: catch-all\n    mode: observe\n    match: {}\n    actions:\n")
                .append("      - action: sns-notify\n        params: { topic-arn: \"arn:aws:sns:us-east-1:111122223333:all\" }\n");
        return yaml.toString();
    }
}
