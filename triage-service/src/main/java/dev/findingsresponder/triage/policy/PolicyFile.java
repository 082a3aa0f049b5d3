package dev.findingsresponder.triage.policy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a policy file as strict UTF-8, refusing a file too large to be a policy before reading it (a mistaken mount
 * of hundreds of MB would otherwise exhaust the heap) and naming the line of the first byte that is not UTF-8.
 */
public final class PolicyFile {

    /** Bytes above which a file cannot hold a policy of {@link SafeYaml#MAX_CODE_POINTS} characters. */
    static final long MAX_BYTES = 4L * SafeYaml.MAX_CODE_POINTS;

    private PolicyFile() {
    }

    /** @throws IOException with a message for the operator when the file cannot be read, is too large or not UTF-8 */
    public static String read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IOException("the file is " + size + " bytes, larger than any policy (at most "
                    + SafeYaml.MAX_CODE_POINTS + " characters)");
        }
        byte[] bytes = Files.readAllBytes(file);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new IOException("line " + lineOf(bytes, in.position()) + ": byte " + in.position()
                    + " is not UTF-8 (save the policy as UTF-8)");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static int lineOf(byte[] bytes, int position) {
        int line = 1;
        for (int i = 0; i < position; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
