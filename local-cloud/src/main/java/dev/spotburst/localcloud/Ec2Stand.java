package dev.spotburst.localcloud;

import dev.spotburst.ec2emu.CloudEventSink;
import dev.spotburst.ec2emu.Ec2Emulator;
import dev.spotburst.ec2emu.Ec2EmulatorOptions;

import java.net.URI;

/** The one place that knows the EC2 emulator's API: starts it on loopback and hands its events to the bus. */
final class Ec2Stand implements AutoCloseable {

    private final Ec2Emulator emulator;

    private Ec2Stand(Ec2Emulator emulator) {
        this.emulator = emulator;
    }

    static Ec2Stand start(Ec2EmulatorOptions options) {
        return new Ec2Stand(Ec2Emulator.start(options));
    }

    URI endpoint() {
        return emulator.endpoint();
    }

    void addEventSink(CloudEventSink sink) {
        emulator.addEventSink(sink);
    }

    Ec2Emulator emulator() {
        return emulator;
    }

    @Override
    public void close() {
        emulator.close();
    }
}
