package dev.findingsresponder.bench.load;

import java.util.List;

/** The storm's own tables: AWS calls by operation, writes against the target, time to enforcement. */
final class StormReport {

    /** Calls per finding of the one-finding-one-invocation Lambdas: Describe + Create entry, Get + Update set. */
    static final int LAMBDA_CALLS_PER_FINDING = 4;
    static final int LAMBDA_WRITES_PER_FINDING = 2;
    static final int WRITE_TARGET = 200;
    static final double P99_TARGET_SECONDS = 2.0;

    private StormReport() {
    }

    static void print(int findings, AwsCallCounts calls, List<Enforcement.Figures> enforcement) {
        System.out.println();
        System.out.println("AWS calls made by response-service during the storm (its response_aws_calls_total / "
                + "response_aws_writes_total):");
        calls.calls().forEach((op, n) -> System.out.printf("  %-40s %8.0f%n", op, n));
        System.out.printf("  %-40s %8.0f%n", "all calls", calls.totalCalls());
        System.out.println("  writes by operation:");
        calls.writes().forEach((op, n) -> System.out.printf("    %-38s %8.0f%n", op, n));
        double writes = calls.totalWrites();
        System.out.printf("  %-40s %8.0f   target <= %d: %s%n", "all writes", writes, WRITE_TARGET,
                writes <= WRITE_TARGET ? "met" : "NOT met");
        System.out.printf("  one-finding-one-invocation Lambdas would make >= %d calls (%d writes) for %d findings: "
                + "%.0fx the calls, %.0fx the writes%n", LAMBDA_CALLS_PER_FINDING * findings,
                LAMBDA_WRITES_PER_FINDING * findings, findings,
                LAMBDA_CALLS_PER_FINDING * findings / Math.max(1, calls.totalCalls()),
                LAMBDA_WRITES_PER_FINDING * findings / Math.max(1, writes));
        System.out.println();
        System.out.println("time from the first finding naming an address to its block in place (result finishedAt):");
        System.out.printf("  %-10s %9s %9s %9s %9s %9s %9s %13s%n", "action", "addresses", "p50 ms", "p90 ms",
                "p99 ms", "max ms", "enforced", "not enforced");
        for (Enforcement.Figures f : enforcement) {
            System.out.printf("  %-10s %9d %9s %9s %9s %9s %9d %13d%n", f.action(), f.addresses(),
                    Table.ms(f.micros(), 50), Table.ms(f.micros(), 90), Table.ms(f.micros(), 99),
                    Table.ms(f.micros(), 100), f.micros().getTotalCount(), f.notEnforced());
        }
        Enforcement.Figures waf = enforcement.get(0);
        if (waf.micros().getTotalCount() > 0) {
            double p99 = waf.micros().getValueAtPercentile(99) / 1e6;
            System.out.printf("  waf-block p99 %.2f s, target <= %.1f s: %s%n", p99, P99_TARGET_SECONDS,
                    p99 <= P99_TARGET_SECONDS ? "met" : "NOT met");
        }
        System.out.println("  (a NACL holds at most 20 inbound entries per IP version including the default rule, "
                + "and the responder's range is rules 80-99: most nacl-deny requests of a storm cannot be enforced, "
                + "see their outcomes above)");
    }
}
