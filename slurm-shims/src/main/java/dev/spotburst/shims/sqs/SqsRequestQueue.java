package dev.spotburst.shims.sqs;

import dev.spotburst.messages.PowerSaveRequest;
import dev.spotburst.shims.request.RequestQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Sends power-save requests to the requests FIFO queue. */
public final class SqsRequestQueue implements RequestQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsRequestQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(PowerSaveRequest request) {
        sqs.sendMessage(SqsMessages.request(queueUrl, request));
    }
}
