package dev.spotburst.shims.request;

import dev.spotburst.messages.PowerSaveRequest;

/** Where power-save requests go (the requests FIFO queue). Sending the same request twice must be harmless. */
public interface RequestQueue {

    /** Sends the request; throws when it could not be confirmed as sent. */
    void send(PowerSaveRequest request) throws Exception;
}
