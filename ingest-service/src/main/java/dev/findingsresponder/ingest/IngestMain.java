package dev.findingsresponder.ingest;

import dev.findingsresponder.ingest.drill.DrillCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Runs the service, or with {@code normalize [FILE|-]} prints what the service makes of one event
 * and exits without connecting to anything, or with {@code drill [options]} generates sample GuardDuty
 * findings into {@code findings.raw} (or stdout) and exits.
 */
@QuarkusMain
public class IngestMain {

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("normalize")) {
            System.exit(NormalizeCommand.run(args, System.in, System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("drill")) {
            System.exit(DrillCommand.run(args, System.out, System.err));
        }
        Quarkus.run(args);
    }
}
