package dev.findingsresponder.response.aws;

import java.util.Set;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts AWS calls by operation and outcome ({@code response_aws_calls_total{operation,outcome}}) and the calls
 * that change something ({@code response_aws_writes_total{operation}}). Sync clients run interceptors on the
 * calling thread, so {@link #writesOnThisThread} lets the executor attribute writes to the batch it is running.
 */
public final class AwsCallMetrics implements ExecutionInterceptor {

    private static final Set<String> READ_PREFIXES = Set.of("Describe", "Get", "List", "Check");
    private static final ThreadLocal<long[]> WRITES = ThreadLocal.withInitial(() -> new long[1]);

    private final MeterRegistry meters;

    public AwsCallMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        count(attributes, "success");
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        count(attributes, "error");
    }

    private void count(ExecutionAttributes attributes, String outcome) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String name = operation == null ? "unknown" : operation;
        meters.counter("response.aws.calls", "operation", name, "outcome", outcome).increment();
        if (isWrite(name)) {
            WRITES.get()[0]++;
            meters.counter("response.aws.writes", "operation", name).increment();
        }
    }

    /** Write calls (attempted, successful or not) made so far on the current thread. */
    public static long writesOnThisThread() {
        return WRITES.get()[0];
    }

    static boolean isWrite(String operation) {
        return READ_PREFIXES.stream().noneMatch(operation::startsWith) && !"AssumeRole".equals(operation)
                && !"GetCallerIdentity".equals(operation) && !"unknown".equals(operation);
    }
}
