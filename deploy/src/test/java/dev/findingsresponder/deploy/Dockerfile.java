package dev.findingsresponder.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The instructions of a Dockerfile (continuation lines joined, comments dropped) and the facts the tests need. */
final class Dockerfile {

    record Instruction(String keyword, String arguments) {
    }

    final Path file;
    final List<Instruction> instructions = new ArrayList<>();

    Dockerfile(Path file) {
        this(file, Repo.read(file));
    }

    Dockerfile(Path file, String text) {
        this.file = file;
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String instruction = current.toString().strip();
            current.setLength(0);
            int space = instruction.indexOf(' ');
            instructions.add(new Instruction(instruction.substring(0, space).toUpperCase(java.util.Locale.ROOT), instruction.substring(space + 1).strip()));
        }
    }

    List<String> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    /** The last value of an instruction (the one in force in the final stage), or null. */
    String last(String keyword) {
        List<String> values = all(keyword);
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /** The numeric user id of the final USER instruction, or -1 when it is absent or a name. */
    int uid() {
        String user = last("USER");
        if (user == null) {
            return -1;
        }
        String id = user.split(":")[0];
        return id.matches("\\d+") ? Integer.parseInt(id) : -1;
    }

    /** The percentage in -XX:MaxRAMPercentage=N of the ENTRYPOINT, or -1. */
    double maxRamPercentage() {
        String entrypoint = last("ENTRYPOINT");
        Matcher m = Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)").matcher(entrypoint == null ? "" : entrypoint);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
