package dev.spotburst.localcloud;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.spotburst.ec2emu.EmulatorClock;

/**
 * {@code spotburst local-cloud}: starts the local stand-ins and prints shell exports on stdout, then keeps running
 * until SIGINT/SIGTERM. Logs and the ready line go to stderr, so stdout carries only what a shell should evaluate.
 *
 * <p>Because {@code $(…)} waits for the command to exit, {@code eval "$(spotburst local-cloud)"} cannot work with a
 * process that must stay up. Two ways to use it:
 * <pre>
 *   spotburst local-cloud &gt; /tmp/cloud.env &amp;   # foreground server in the background; wait for "ready" on stderr
 *   . /tmp/cloud.env
 *
 *   eval "$(spotburst local-cloud --detach)"         # servers move to a child process that outlives this one;
 *   kill $SPOTBURST_LOCAL_CLOUD_PID                   # its logs go to --log-file
 * </pre>
 * The stdout of the foreground mode ends with the comment line {@value #READY_MARKER}… so a reader knows the exports
 * are complete.
 */
@Command(name = "local-cloud", mixinStandardHelpOptions = true,
        description = "Run the local EC2 emulator, DynamoDB Local, ElasticMQ and event bus on 127.0.0.1; print shell exports.")
public final class LocalCloudCommand implements Callable<Integer> {

    static final String READY_MARKER = "# spotburst local cloud ready";

    @Option(names = "--ec2-port", description = "EC2 emulator port (0 = pick a free one).", defaultValue = "0")
    int ec2Port;

    @Option(names = "--dynamodb-port", description = "DynamoDB Local port (0 = pick a free one).", defaultValue = "0")
    int dynamoDbPort;

    @Option(names = "--sqs-port", description = "ElasticMQ port (0 = pick a free one).", defaultValue = "0")
    int sqsPort;

    @Option(names = "--region", description = "Region reported to clients and used in ARNs.", defaultValue = "us-east-1")
    String region;

    @Option(names = "--detach", description = "Start the servers in a child process, print its exports and exit.")
    boolean detach;

    @Option(names = "--log-file", description = "With --detach: where the child's logs go (default: a temp file).")
    Path logFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        return detach ? detachChild() : runForeground();
    }

    /** For tests running the command in-process: behaves like SIGTERM. */
    public void stop() {
        stop.countDown();
    }

    private int runForeground() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LocalCloudOptions options = LocalCloudOptions.defaults()
                .withEc2Port(ec2Port).withDynamoDbPort(dynamoDbPort).withSqsPort(sqsPort).withRegion(region)
                // The demo runs in wall-clock time (the emulator can still fast-forward it).
                .withEc2(LocalCloudOptions.defaults().ec2().toBuilder().clock(EmulatorClock.system()).build());
        LocalCloud cloud = LocalCloud.start(options);
        Thread hook = new Thread(() -> {
            cloud.close();
            stop.countDown();
        }, "local-cloud-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        for (String line : exports(cloud.environment())) {
            out.println(line);
        }
        out.println(READY_MARKER + " (pid " + ProcessHandle.current().pid() + ")");
        out.flush();
        err.printf("local cloud ready in %d ms (pid %d): ec2 %s, dynamodb %s, sqs %s; Ctrl-C to stop"
                        + " (for eval \"$(…)\" use --detach)%n",
                cloud.startupTime().toMillis(), ProcessHandle.current().pid(), cloud.ec2Endpoint(),
                cloud.dynamoDbEndpoint(), cloud.sqsEndpoint());
        err.flush();
        try {
            stop.await();
        } finally {
            cloud.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running and closes the cloud itself
            }
        }
        return 0;
    }

    private int detachChild() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path log = logFile != null ? logFile : Files.createTempFile("spotburst-local-cloud-", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                // C1 only: start-up of the three servers is JIT-bound; a local demo never needs C2's peak speed.
                "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                LocalCloudCommand.class.getName(),
                "--ec2-port", Integer.toString(ec2Port), "--dynamodb-port", Integer.toString(dynamoDbPort),
                "--sqs-port", Integer.toString(sqsPort), "--region", region));
        // The child must not hold our stdout: the shell's $(…) would wait for it forever.
        Process child = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        List<String> exports = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null && !line.startsWith(READY_MARKER)) {
                exports.add(line);
            }
            if (line == null) {
                child.waitFor(10, TimeUnit.SECONDS);
                err.println("local cloud child exited before it was ready; log: " + log);
                err.println(Files.readString(log));
                err.flush();
                return 1;
            }
        }
        for (String export : exports) {
            out.println(export);
        }
        out.println("export SPOTBURST_LOCAL_CLOUD_PID=" + child.pid());
        out.println("# stop with: kill $SPOTBURST_LOCAL_CLOUD_PID   (logs: " + log + ")");
        out.flush();
        err.println("local cloud running as pid " + child.pid() + ", logs in " + log);
        err.flush();
        return 0;
    }

    /** {@code export NAME='value'} lines, single-quoted for any POSIX shell. */
    static List<String> exports(Map<String, String> environment) {
        List<String> lines = new ArrayList<>();
        environment.forEach((name, value) -> lines.add("export " + name + "='" + value.replace("'", "'\\''") + "'"));
        return lines;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new LocalCloudCommand()).execute(args));
    }
}
