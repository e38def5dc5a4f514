package dev.spotburst.ec2emu;

import com.sun.net.httpserver.HttpServer;
import dev.spotburst.ec2emu.api.Dispatcher;
import dev.spotburst.ec2emu.api.Ec2HttpHandler;
import dev.spotburst.ec2emu.core.World;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An EC2 endpoint on 127.0.0.1 that speaks the EC2 Query protocol, so the real SDK {@code Ec2Client} and the AWS CLI
 * work against it with only an endpoint override. Test and demo infrastructure: never deployed.
 *
 * <pre>{@code
 * try (Ec2Emulator ec2 = Ec2Emulator.start(Ec2EmulatorOptions.defaults())) {
 *     Ec2Client client = Ec2Client.builder().endpointOverride(ec2.endpoint())…build();
 * }
 * }</pre>
 */
public final class Ec2Emulator implements AutoCloseable {

    private final World world;
    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService ticker;
    private final EmulatorControl control;
    private final URI endpoint;

    private Ec2Emulator(Ec2EmulatorOptions options) throws IOException {
        this.world = new World(options);
        this.control = new EmulatorControl(world);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 64);
        this.workers = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "ec2-emulator-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        server.createContext("/", new Ec2HttpHandler(new Dispatcher(world), new ControlHttpHandler(control)));
        server.start();
        this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        if (options.clock().isManual()) {
            ticker = null;
        } else {
            // With wall-clock time, transitions happen by themselves; with a manual clock, tests drive them.
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ec2-emulator-clock");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleWithFixedDelay(control::tick, 100, 100, TimeUnit.MILLISECONDS);
        }
    }

    public static Ec2Emulator start(Ec2EmulatorOptions options) {
        try {
            return new Ec2Emulator(options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the EC2 emulator on 127.0.0.1:" + options.port(), e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: use as the SDK endpoint override or {@code AWS_ENDPOINT_URL_EC2}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Events are delivered in production order, outside the emulator's lock, on the calling thread. */
    public void addEventSink(CloudEventSink sink) {
        world.events.addSink(sink);
    }

    public EmulatorControl control() {
        return control;
    }

    public Ec2EmulatorOptions options() {
        return world.opts;
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        server.stop(0);
        workers.shutdownNow();
    }
}
