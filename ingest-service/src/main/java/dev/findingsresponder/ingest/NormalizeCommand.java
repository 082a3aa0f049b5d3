package dev.findingsresponder.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.findingsresponder.model.decode.EventNormalizer;
import dev.findingsresponder.model.decode.NormalizeResult;
import dev.findingsresponder.model.FindingCodec;

/**
 * {@code normalize [FILE|-]}: the canonical JSON of an event (an array when it holds several
 * findings) on stdout and exit 0; or the rejection reason on stderr and exit 2.
 */
public final class NormalizeCommand {

    static final int OK = 0;
    static final int REJECTED = 2;
    static final int USAGE = 64;

    private NormalizeCommand() {
    }

    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        if (args.length > 2) {
            err.println("usage: normalize [FILE|-]   (reads stdin without FILE or with -)");
            return USAGE;
        }
        byte[] raw;
        try {
            raw = args.length < 2 || args[1].equals("-") ? stdin.readAllBytes() : Files.readAllBytes(Path.of(args[1]));
        } catch (IOException e) {
            err.println("cannot read input: " + e.getMessage());
            return USAGE;
        }
        NormalizeResult result = new EventNormalizer(Set.of()).normalize(raw);
        switch (result) {
            case NormalizeResult.Rejected rejected -> {
                err.println("rejected: " + rejected.reason() + ": " + rejected.detail());
                return REJECTED;
            }
            case NormalizeResult.Normalized normalized -> {
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
