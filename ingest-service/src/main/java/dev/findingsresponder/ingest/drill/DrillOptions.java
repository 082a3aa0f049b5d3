package dev.findingsresponder.ingest.drill;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.findingsresponder.model.drill.DrillSpec;
import dev.findingsresponder.model.drill.DrillType;
import dev.findingsresponder.model.drill.InvalidDrillSpecException;

/**
 * The {@code drill} command's options, parsed and validated. Options take their value as the next argument or
 * after {@code =}; {@code --account}, {@code --instance} and {@code --addresses} repeat and take comma lists.
 *
 * @param spec      what to generate
 * @param rate      events per second, 0 for as fast as possible
 * @param bootstrap Kafka bootstrap servers to produce to, or {@code null} with {@code print}
 * @param print     write one JSON event per line to stdout instead of producing
 * @param help      only print the usage
 */
public record DrillOptions(DrillSpec spec, double rate, String bootstrap, boolean print, boolean help) {

    static final String USAGE = """
            usage: drill --type TYPE [--count N] [--repeat N] [--rate PER_SECOND] [--account ID[,ID...]]...
                         [--region REGION] [--addresses ADDRESS_OR_CIDR[,...]] [--instance ID[,ID...]]... [--seed N]
                         (--bootstrap HOST:PORT | --print)

            Generates GuardDuty findings marked as samples (service.additionalInfo.sample = true) to drill playbooks.

              --type        the finding to generate (required), one of:%s
              --count       distinct findings, 1-%d (default 1)
              --repeat      reports per finding: GuardDuty's repeats update the same finding id with a higher
                            service.count and a newer updatedAt (default 1: no repeats); count x repeat <= %d
              --rate        events per second, 0 = as fast as possible (default 0)
              --account     member account(s), used round-robin (default %s)
              --region      region of the findings (default %s)
              --addresses   attacker addresses to draw from: IPv4/IPv6 addresses and CIDR blocks
                            (default %s, documentation ranges response guardrails may refuse to block)
              --instance    EC2 instance id(s) the findings are about, round-robin (default: a new made-up one each)
              --seed        the same seed generates the same ids and addresses
              --bootstrap   produce to findings.raw on this Kafka (acks=all, keyed by event id)
              --print       print one JSON event per line instead, e.g. for curl POST /events
              --help        this text

            Exit codes: 0 sent or printed, 1 Kafka did not acknowledge every event, 2 bad options.
            """;

    /** The usage text with the types and defaults filled in. */
    public static String usage() {
        StringBuilder types = new StringBuilder();
        for (DrillType type : DrillType.values()) {
            types.append(String.format("%n                %-24s %s, severity %d%n                %-24s %s",
                    type.drillName(), type.findingType(), type.severity(), "", type.summary()));
        }
        return USAGE.formatted(types, DrillSpec.MAX_EVENTS, DrillSpec.MAX_EVENTS, DrillSpec.DEFAULT_ACCOUNT,
                DrillSpec.DEFAULT_REGION, String.join(",", DrillSpec.DEFAULT_ADDRESSES));
    }

    /**
     * Parses {@code args} after the command name.
     *
     * @throws IllegalArgumentException with a message for the operator (an {@link InvalidDrillSpecException} for
     *                                  a bad spec)
     */
    public static DrillOptions parse(List<String> args) {
        String type = null;
        Integer count = null;
        Integer repeat = null;
        double rate = 0;
        List<String> accounts = new ArrayList<>();
        String region = null;
        List<String> addresses = new ArrayList<>();
        List<String> instances = new ArrayList<>();
        Long seed = null;
        String bootstrap = null;
        boolean print = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                return new DrillOptions(null, 0, null, false, true);
            }
            if (arg.equals("--print")) {
                print = true;
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            String value;
            if (eq > 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                throw new IllegalArgumentException(known(name) ? name + " needs a value" : unknown(name));
            }
            switch (name) {
                case "--type" -> type = value;
                case "--count" -> count = integer(name, value);
                case "--repeat" -> repeat = integer(name, value);
                case "--rate" -> rate = rate(value);
                case "--account" -> accounts.addAll(list(value));
                case "--region" -> region = value;
                case "--addresses" -> addresses.addAll(list(value));
                case "--instance" -> instances.addAll(list(value));
                case "--seed" -> seed = seed(value);
                case "--bootstrap" -> bootstrap = value;
                default -> throw new IllegalArgumentException(unknown(name));
            }
        }
        if (print == (bootstrap != null)) {
            throw new IllegalArgumentException("give either --bootstrap HOST:PORT (produce to findings.raw) or --print"
                    + (print ? ", not both" : ""));
        }
        DrillSpec spec = new DrillSpec(DrillType.named(type), count == null ? 1 : count, accounts, region, addresses,
                instances, seed, repeat == null ? 1 : repeat);
        return new DrillOptions(spec, rate, bootstrap, print, false);
    }

    private static boolean known(String name) {
        return List.of("--type", "--count", "--repeat", "--rate", "--account", "--region", "--addresses",
                "--instance", "--seed", "--bootstrap").contains(name);
    }

    private static String unknown(String name) {
        return "unknown option " + name;
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }

    private static double rate(String value) {
        double rate;
        try {
            rate = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            rate = -1;
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("--rate must be 0 (as fast as possible) or more events per second, got '"
                    + value + "'");
        }
        return rate;
    }

    private static long seed(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed must be a whole number, got '" + value + "'");
        }
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
