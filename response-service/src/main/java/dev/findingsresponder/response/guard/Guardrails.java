package dev.findingsresponder.response.guard;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.action.ActionCatalog;
import dev.findingsresponder.model.action.ActionSchema;

/**
 * Refuses requests that must never run. Fails closed: anything it cannot read or decide is refused.
 *
 * <ul>
 * <li>Kill switch on: every action is refused.</li>
 * <li>Unknown action: refused.</li>
 * <li>Blocking actions ({@code nacl-deny}, {@code waf-block}): the target address must be one IPv4 or IPv6
 * literal (a bare address, or with /32 or /128; /0 and every shorter prefix are refused), parsed strictly
 * without name resolution, outside the special-purpose ranges below, outside the configured own-infrastructure
 * and trusted ranges. IPv4-mapped ({@code ::ffff:0:0/96}), IPv4-translated ({@code ::ffff:0:0:0/96}), NAT64
 * ({@code 64:ff9b::/96}), 6to4 ({@code 2002::/16}) and Teredo ({@code 2001::/32}: server and inverted client)
 * addresses are also checked by the IPv4 addresses they embed.</li>
 * </ul>
 *
 * <p>The documentation ranges 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 and 2001:db8::/32 are deliberately
 * NOT refused: test fixtures and drills use them as attacker addresses, and real traffic never comes from them.
 * The newer IPv6 documentation range 3fff::/20 is refused like every other special-purpose range: no fixture
 * needs it.
 *
 * <p>Rate caps per account for disruptive actions ({@link RateCaps}) are asked last, by {@link #admit}, only for
 * requests about to run. Per-target caps (rules per NACL, addresses per IP set) belong to the actions.
 */
public final class Guardrails {

    private record Rule(Cidr range, String what) {
        Rule(String cidr, String what) {
            this(Cidr.of(cidr), what);
        }
    }

    private static final List<Rule> V4_RULES = List.of(
            new Rule("255.255.255.255/32", "limited broadcast address (RFC 919)"),
            new Rule("0.0.0.0/8", "\"this network\" range (RFC 1122)"),
            new Rule("10.0.0.0/8", "private range (RFC 1918)"),
            new Rule("100.64.0.0/10", "shared address space for carrier-grade NAT (RFC 6598)"),
            new Rule("127.0.0.0/8", "loopback range (RFC 1122)"),
            new Rule("169.254.0.0/16", "link-local range, home of the instance metadata service (RFC 3927)"),
            new Rule("172.16.0.0/12", "private range (RFC 1918)"),
            new Rule("192.0.0.0/24", "IETF protocol assignments range (RFC 6890)"),
            new Rule("192.88.99.0/24", "deprecated 6to4 relay anycast range (RFC 7526)"),
            new Rule("192.168.0.0/16", "private range (RFC 1918)"),
            new Rule("198.18.0.0/15", "benchmarking range (RFC 2544)"),
            new Rule("224.0.0.0/4", "multicast range (RFC 5771)"),
            new Rule("240.0.0.0/4", "reserved range (RFC 1112)"));

    private static final List<Rule> V6_RULES = List.of(
            new Rule("::/128", "unspecified address (RFC 4291)"),
            new Rule("::1/128", "loopback address (RFC 4291)"),
            new Rule("::/96", "deprecated IPv4-compatible range (RFC 4291)"),
            new Rule("64:ff9b:1::/48", "local-use NAT64 range (RFC 8215)"),
            new Rule("100::/64", "discard-only range (RFC 6666)"),
            new Rule("2001:2::/48", "benchmarking range (RFC 5180)"),
            new Rule("2001:10::/28", "deprecated ORCHID range (RFC 4843)"),
            new Rule("2001:20::/28", "ORCHIDv2 range (RFC 7343)"),
            new Rule("3fff::/20", "documentation range (RFC 9637), unused by our fixtures"),
            new Rule("fec0::/10", "deprecated site-local range (RFC 3879)"),
            new Rule("fe80::/10", "link-local range (RFC 4291)"),
            new Rule("fc00::/7", "unique local range (RFC 4193)"),
            new Rule("ff00::/8", "multicast range (RFC 4291)"));

    /**
     * IPv6 ranges that carry an IPv4 address, with the byte offset where it sits and whether its bits are inverted
     * (Teredo stores the client's address XOR 0xffffffff).
     */
    private record Embedding(Cidr range, int offset, boolean inverted, String what) {
    }

    private static final List<Embedding> EMBEDDINGS = List.of(
            new Embedding(Cidr.of("::ffff:0:0/96"), 12, false, "IPv4-mapped"),
            new Embedding(Cidr.of("::ffff:0:0:0/96"), 12, false, "IPv4-translated"),
            new Embedding(Cidr.of("64:ff9b::/96"), 12, false, "NAT64"),
            new Embedding(Cidr.of("2002::/16"), 2, false, "6to4"),
            new Embedding(Cidr.of("2001::/32"), 4, false, "Teredo server"),
            new Embedding(Cidr.of("2001::/32"), 12, true, "Teredo client"));

    private final GuardrailSettings settings;
    private final List<Rule> configured;
    private final RateCaps caps;
    private final KillSwitch killSwitch;

    /** @throws IllegalArgumentException when a configured range is not a CIDR (a bad configuration never loads) */
    public Guardrails(GuardrailSettings settings) {
        this(settings, RateCaps.none());
    }

    public Guardrails(GuardrailSettings settings, RateCaps caps) {
        this(settings, caps, new KillSwitch(settings.killSwitch()));
    }

    /** {@code killSwitch} replaces {@code settings.killSwitch()}: the service's switch, which operators can turn. */
    public Guardrails(GuardrailSettings settings, RateCaps caps, KillSwitch killSwitch) {
        this.settings = settings;
        this.caps = caps;
        this.killSwitch = killSwitch;
        this.configured = Stream.concat(
                settings.ownCidrs().stream().map(c -> configuredRule(c, "own-infrastructure range")),
                settings.trustedCidrs().stream().map(c -> configuredRule(c, "trusted range (trusted list)")))
                .toList();
    }

    private static Rule configuredRule(String cidr, String what) {
        Cidr parsed = Cidr.parse(cidr == null ? null : cidr.strip())
                .orElseThrow(() -> new IllegalArgumentException("guardrails: '" + cidr + "' is not a CIDR"));
        return new Rule(parsed, what);
    }

    /** For a request about to run (past every other check): counts it against its rate cap, or says why not. */
    public Optional<String> admit(ActionRequest request, Instant now) {
        return caps.admit(request.action(), request.target() == null ? null : request.target().account(), now);
    }

    /** Whether the global kill switch stops every action. */
    public boolean killSwitchOn() {
        return killSwitch.on();
    }

    /** Why {@code request} must not run, or empty when it may. */
    public Optional<String> violation(ActionRequest request) {
        try {
            if (killSwitch.on()) {
                KillSwitch.State state = killSwitch.state();
                return Optional.of("kill switch on: every action is refused (set by " + state.changedBy()
                        + (state.reason() == null ? "" : ": " + state.reason()) + ")");
            }
            if (request == null || request.action() == null) {
                return Optional.of("no action named: refused");
            }
            Optional<ActionSchema> schema = ActionCatalog.find(request.action());
            if (schema.isEmpty()) {
                return Optional.of("unknown action '" + request.action() + "': refused");
            }
            if (!schema.get().blocking()) {
                return Optional.empty();
            }
            return addressViolation(request.target() == null ? null : request.target().address());
        } catch (RuntimeException e) {
            return Optional.of("guardrail check failed (" + e + "): refused");
        }
    }

    /** Why {@code address} must not be blocked, or empty when it may be. */
    public Optional<String> addressViolation(String address) {
        if (address == null || address.isEmpty()) {
            return Optional.of("malformed address: the request names no address");
        }
        Optional<Cidr> parsed = Cidr.parse(address);
        if (parsed.isEmpty()) {
            return Optional.of("malformed address: '" + printable(address) + "' is not one IPv4 or IPv6 address");
        }
        Cidr cidr = parsed.get();
        if (cidr.prefix() == 0) {
            return Optional.of(address + ": a /0 prefix is always refused (it would block every address)");
        }
        if (!cidr.isSingleAddress()) {
            return Optional.of(address + " is a range: a block names one address (/32 for IPv4, /128 for IPv6)");
        }
        IpLiteral ip = cidr.network();
        return ip.isV4() ? v4Violation(address, ip, "") : v6Violation(address, ip);
    }

    private Optional<String> v4Violation(String address, IpLiteral ip, String via) {
        for (Rule rule : V4_RULES) {
            if (rule.range().contains(ip)) {
                return Optional.of(address + via + " is in " + describe(rule));
            }
        }
        return configuredViolation(address + via, ip);
    }

    private Optional<String> v6Violation(String address, IpLiteral ip) {
        for (Rule rule : V6_RULES) {
            if (rule.range().contains(ip)) {
                return Optional.of(address + " is in " + describe(rule));
            }
        }
        for (Embedding embedding : EMBEDDINGS) {
            if (embedding.range().contains(ip)) {
                IpLiteral v4 = ip.embeddedV4(embedding.offset(), embedding.inverted());
                String via = " (" + embedding.what() + " " + embedding.range().text() + ", embedding " + v4 + ")";
                Optional<String> embedded = v4Violation(address, v4, via);
                if (embedded.isPresent()) {
                    return embedded;
                }
            }
        }
        return configuredViolation(address, ip);
    }

    private Optional<String> configuredViolation(String subject, IpLiteral ip) {
        for (Rule rule : configured) {
            if (rule.range().contains(ip)) {
                return Optional.of(subject + " is in " + describe(rule));
            }
        }
        return Optional.empty();
    }

    private static String describe(Rule rule) {
        int space = rule.what().indexOf(" (");
        return space < 0
                ? rule.what() + " " + rule.range().text()
                : rule.what().substring(0, space) + " " + rule.range().text() + rule.what().substring(space);
    }

    /** The text with anything but printable ASCII replaced, and cut short: it goes into logs and results. */
    private static String printable(String text) {
        String cut = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
