package dev.findingsresponder.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Command-line options of the load and storm tools: {@code --name value} pairs and the {@code --max} flag.
 * Durations are seconds ({@code 60}) or with a unit ({@code 60s}, {@code 2m}).
 */
final class LoadOptions {

    private final Map<String, String> values = new HashMap<>();

    LoadOptions(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "' (options are --name value)");
            }
            String name = arg.substring(2);
            int eq = name.indexOf('=');
            if (eq > 0) {
                values.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (name.equals("max") || name.equals("help") || name.equals("no-ceiling")) {
                values.put(name, "true");
            } else if (i + 1 < args.length) {
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("option --" + name + " needs a value");
            }
        }
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    double number(String name, double fallback) {
        return values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
    }

    Duration duration(String name, Duration fallback) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        text = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        char unit = text.charAt(text.length() - 1);
        if (Character.isDigit(unit)) {
            return Duration.ofMillis((long) (Double.parseDouble(text) * 1000));
        }
        double amount = Double.parseDouble(text.substring(0, text.length() - 1));
        return switch (unit) {
            case 's' -> Duration.ofMillis((long) (amount * 1000));
            case 'm' -> Duration.ofMillis((long) (amount * 60_000));
            default -> throw new IllegalArgumentException("--" + name + ": unknown unit in '" + text + "'");
        };
    }

    /** The repository root: the first directory upwards holding {@code scripts/topics.conf}. */
    static Path repo() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts/topics.conf"))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
    }
}
