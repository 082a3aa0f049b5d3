package dev.findingsresponder.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.findingsresponder.ingest.config.IngestConfig;
import dev.findingsresponder.model.decode.EventNormalizer;
import dev.findingsresponder.model.decode.NormalizeResult;
import dev.findingsresponder.model.decode.RejectReason;
import dev.findingsresponder.model.FindingCodec;

/**
 * {@code normalize [--account-allowlist=A,B] [--max-event-bytes=N] [FILE|-]}: the canonical JSON of an event (an
 * array when it holds several findings) on stdout and exit 0; or the rejection reason on stderr and exit 2. It
 * applies the service's account allowlist and event size limit, read from the same settings (system property
 * {@code ingest.account-allowlist} / {@code ingest.max-event-bytes}, else environment {@code INGEST_ACCOUNT_ALLOWLIST}
 * / {@code INGEST_MAX_EVENT_BYTES}, else the service's defaults); a flag overrides them. So it never calls
 * "normalized" an event the service would reject.
 */
public final class NormalizeCommand {

    static final int OK = 0;
    static final int REJECTED = 2;
    static final int USAGE = 64;
    static final String ALLOWLIST = "account-allowlist";
    static final String MAX_BYTES = "max-event-bytes";
    private static final String USAGE_TEXT = "usage: normalize [--" + ALLOWLIST + "=ACCOUNT,...] [--" + MAX_BYTES
            + "=N] [FILE|-]   (reads stdin without FILE or with -)";

    private NormalizeCommand() {
    }

    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        return run(args, stdin, out, err, name -> {
            String property = System.getProperty("ingest." + name);
            return property != null ? property : System.getenv("INGEST_" + name.replace('-', '_').toUpperCase());
        });
    }

    /** @param settings the service's setting of a name ({@code account-allowlist}, ...), {@code null} when unset */
    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err, UnaryOperator<String> settings) {
        String file = null;
        Map<String, String> flags = new HashMap<>();
        for (String arg : Arrays.asList(args).subList(1, args.length)) {
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 2 ? arg.substring(2, eq) : null;
            if (name != null && (name.equals(ALLOWLIST) || name.equals(MAX_BYTES))) {
                flags.put(name, arg.substring(eq + 1));
            } else if (file == null && (!arg.startsWith("--") || arg.equals("-"))) {
                file = arg;
            } else {
                err.println(USAGE_TEXT);
                return USAGE;
            }
        }
        EventNormalizer normalizer;
        try {
            normalizer = new EventNormalizer(allowlist(setting(ALLOWLIST, flags, settings)),
                    maxBytes(setting(MAX_BYTES, flags, settings)));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        byte[] raw;
        try {
            raw = file == null || file.equals("-") ? stdin.readAllBytes() : Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            err.println("cannot read input: " + e.getMessage());
            return USAGE;
        }
        return print(normalizer.normalize(raw), out, err);
    }

    private static String setting(String name, Map<String, String> flags, UnaryOperator<String> settings) {
        return flags.containsKey(name) ? flags.get(name) : settings.apply(name);
    }

    /** Comma-separated, as the service's {@code Set<String>} setting; empty or unset accepts every account. */
    private static Set<String> allowlist(String value) {
        if (value == null) {
            return Set.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    private static int maxBytes(String value) {
        String text = value == null || value.isBlank() ? IngestConfig.DEFAULT_MAX_EVENT_BYTES : value.trim();
        try {
            int bytes = Integer.parseInt(text);
            if (bytes > 0) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(MAX_BYTES + ": expected a positive number of bytes, got \"" + text + "\"");
    }

    private static int print(NormalizeResult result, PrintStream out, PrintStream err) {
        switch (result) {
            case NormalizeResult.Rejected rejected -> {
                err.println("rejected: " + rejected.reason() + ": " + rejected.detail());
                return REJECTED;
            }
            case NormalizeResult.Normalized normalized -> {
                Optional<String> oversized = IngestPipeline.oversizedFinding(normalized.findings(),
                        normalized.findings().stream().map(FindingCodec::toJson).toList());
                if (oversized.isPresent()) {
                    err.println("rejected: " + RejectReason.OVERSIZED + ": " + oversized.get());
                    return REJECTED;
                }
                out.println(normalized.findings().size() == 1
                        ? FindingCodec.toPrettyJson(normalized.findings().get(0))
                        : prettyArray(normalized));
                return OK;
            }
        }
    }

    private static String prettyArray(NormalizeResult.Normalized normalized) {
        try {
            return FindingCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(normalized.findings());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
