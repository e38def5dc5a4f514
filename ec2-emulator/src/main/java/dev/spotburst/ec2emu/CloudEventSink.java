package dev.spotburst.ec2emu;

/**
 * Where the emulator delivers EventBridge-shaped events (full envelope JSON: version, id, detail-type, source,
 * account, time, region, resources, detail). The local event bus routes them on to SQS, handlers or files.
 */
@FunctionalInterface
public interface CloudEventSink {
    void publish(String eventJson);
}
