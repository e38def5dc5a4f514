package dev.spotburst.functions.reliability;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * SDK interceptor on the real {@code Ec2Client}: a crash before transmission never reaches the emulator; a crash
 * after transmission happens once the emulator has applied the call (a launched fleet whose response is lost).
 * SDK retries are off in these tests, so the exception reaches the control plane as it would after a Lambda timeout.
 */
final class FaultyEc2 implements ExecutionInterceptor {
    private final Faults faults;

    FaultyEc2(Faults faults) {
        this.faults = faults;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        faults.check(Fault.Target.EC2, attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), Fault.Phase.BEFORE);
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        faults.check(Fault.Target.EC2, attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), Fault.Phase.AFTER);
    }
}
