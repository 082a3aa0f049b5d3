package dev.findingsresponder.response.aws;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import io.micrometer.core.instrument.MeterRegistry;

/** Counts AWS calls by operation and outcome: {@code response_aws_calls_total{operation,outcome}}. */
public final class AwsCallMetrics implements ExecutionInterceptor {

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
        meters.counter("response.aws.calls", "operation", operation == null ? "unknown" : operation,
                "outcome", outcome).increment();
    }
}
