package dev.findingsresponder.ingest.drill;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Iterator;

import dev.findingsresponder.model.drill.DrillEvent;
import dev.findingsresponder.model.drill.DrillGenerator;

/**
 * {@code drill [options]}: generates sample GuardDuty findings and produces them to {@code findings.raw} with a
 * plain Kafka producer (no Quarkus, no service needed), or prints them one per line for {@code POST /events}.
 * Exit 0 when every event was acknowledged (or printed), 1 when Kafka did not acknowledge them all, 2 for bad
 * options.
 */
public final class DrillCommand {

    static final int OK = 0;
    static final int NOT_SENT = 1;
    static final int USAGE = 2;

    private DrillCommand() {
    }

    /** @param args the whole command line, {@code args[0]} being {@code drill} */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        DrillOptions options;
        try {
            options = DrillOptions.parse(Arrays.asList(args).subList(1, args.length));
        } catch (IllegalArgumentException e) {
            err.println("drill: " + e.getMessage());
            err.println("(drill --help lists the types and options)");
            return USAGE;
        }
        if (options.help()) {
            out.print(DrillOptions.usage());
            return OK;
        }
        Iterator<DrillEvent> events = new DrillGenerator().iterator(options.spec());
        Pacer pacer = new Pacer(options.rate());
        try {
            if (options.print()) {
                for (long i = 0; events.hasNext(); i++) {
                    pacer.awaitTurn(i);
                    out.println(events.next().toJsonLine());
                }
                out.flush();
                return OK;
            }
            DrillProducer.Result result = DrillProducer.send(options.bootstrap(), events, options.spec().events(), pacer);
            if (result.failure() != null) {
                err.println("drill: " + (options.spec().events() - result.acknowledged()) + " of "
                        + options.spec().events() + " events not acknowledged by " + options.bootstrap() + ": "
                        + result.failure());
                return NOT_SENT;
            }
            out.println("sent " + result.acknowledged() + " events in " + result.millis() + " ms ("
                    + options.spec().count() + " " + options.spec().type().drillName() + " findings, to "
                    + DrillProducer.TOPIC + " on " + options.bootstrap() + ")");
            return OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("drill: interrupted");
            return NOT_SENT;
        }
    }
}
