package dev.findingsresponder.ingest;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Runs the service, or with {@code normalize [FILE|-]} prints what the service makes of one event
 * and exits without connecting to anything.
 */
@QuarkusMain
public class IngestMain {

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("normalize")) {
            System.exit(NormalizeCommand.run(args, System.in, System.out, System.err));
        }
        Quarkus.run(args);
    }
}
