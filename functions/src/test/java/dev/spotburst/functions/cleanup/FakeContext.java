package dev.spotburst.functions.cleanup;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.util.function.IntSupplier;

/** A Lambda context whose remaining time the test controls. */
final class FakeContext implements Context {
    private final IntSupplier remainingMillis;

    FakeContext(IntSupplier remainingMillis) {
        this.remainingMillis = remainingMillis;
    }

    static FakeContext plenty() {
        return new FakeContext(() -> 300_000);
    }

    @Override public String getAwsRequestId() { return "req-1"; }
    @Override public String getLogGroupName() { return "/aws/lambda/demo-stack-cleanup"; }
    @Override public String getLogStreamName() { return "stream"; }
    @Override public String getFunctionName() { return "demo-stack-cleanup"; }
    @Override public String getFunctionVersion() { return "1"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:demo-stack-cleanup:live"; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return remainingMillis.getAsInt(); }
    @Override public int getMemoryLimitInMB() { return 1024; }
    @Override public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override public void log(String message) { }
            @Override public void log(byte[] message) { }
        };
    }
}
