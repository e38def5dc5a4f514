package dev.spotburst.shims;

import dev.spotburst.messages.PowerSaveRequest;
import dev.spotburst.shims.agent.AgentRunner;
import dev.spotburst.shims.request.PowerSaveShim;
import dev.spotburst.shims.request.RequestQueue;
import dev.spotburst.shims.request.Spool;
import dev.spotburst.shims.settings.HeadNodeSettings;
import dev.spotburst.shims.settings.SettingsException;
import dev.spotburst.shims.settings.SettingsLoader;
import dev.spotburst.shims.sqs.FastSqsRequestQueue;
import dev.spotburst.shims.sqs.SqsClients;
import dev.spotburst.shims.sqs.SqsRequestQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the small head-node jar ({@code spotburst-shims.jar}), deliberately without picocli: the hooks
 * run once per Slurm power-save event and their JVM start-up is the cost that matters.
 *
 * <pre>
 *   ShimMain resume|suspend|resume-fail [--settings FILE] HOSTLIST
 *   ShimMain agent [--settings FILE]
 * </pre>
 * The launcher script passes the hook name from its own name ({@code spotburst-resume} → {@code resume}).
 */
public final class ShimMain {

    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;

    private ShimMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> env) {
        if (args.length == 0) {
            return usage("missing command");
        }
        Path settingsFile = null;
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--settings") && i + 1 < args.length) {
                settingsFile = Path.of(args[++i]);
            } else if (args[i].startsWith("--settings=")) {
                settingsFile = Path.of(args[i].substring("--settings=".length()));
            } else {
                positional.add(args[i]);
            }
        }
        HeadNodeSettings settings;
        try {
            settings = SettingsLoader.load(SettingsLoader.choose(settingsFile, env));
        } catch (SettingsException e) {
            System.err.println("spotburst " + args[0] + ": " + e.getMessage());
            return FAILURE;
        }
        return switch (args[0]) {
            case "resume" -> hook(PowerSaveRequest.Kind.RESUME, positional, settings, env);
            case "suspend" -> hook(PowerSaveRequest.Kind.SUSPEND, positional, settings, env);
            case "resume-fail" -> hook(PowerSaveRequest.Kind.RESUME_FAIL, positional, settings, env);
            case "agent" -> positional.isEmpty() ? AgentRunner.runForever(settings, env) : usage("agent takes no arguments");
            default -> usage("unknown command '" + args[0] + "'");
        };
    }

    /** Runs one hook; always 0 once the request is spooled or sent, whatever SQS did. */
    public static int hook(PowerSaveRequest.Kind kind, List<String> positional, HeadNodeSettings settings,
                           Map<String, String> env) {
        if (positional.size() != 1 || positional.get(0).isBlank()) {
            return usage(kind.wire() + " takes exactly one argument, the Slurm hostlist, got " + positional);
        }
        ShimLog log = ShimLog.stderr(kind.wire()).toFile(settings.logFile());
        SqsClient sqs = null;
        RequestQueue queue;
        try {
            if (FastSqsRequestQueue.applies(env)) {
                // No SDK client: building one costs more than everything else the shim does (docs/shims.md). The
                // SDK's signer and credential providers still do the security-sensitive parts.
                queue = new FastSqsRequestQueue(settings.requestsQueueUrl(), settings.region(),
                        FastSqsRequestQueue.endpoint(settings.region(), env), SqsClients.credentials(env),
                        Clock.systemUTC());
            } else {
                sqs = SqsClients.forShim(settings.region(), null, env);
                queue = new SqsRequestQueue(sqs, settings.requestsQueueUrl());
            }
        } catch (RuntimeException e) {
            // Still spool: the agent (or a fixed configuration) delivers it later under the same id.
            log.error("cannot set up the SQS client: " + e);
            queue = r -> {
                throw e;
            };
        }
        try {
            var shim = new PowerSaveShim(settings.cluster(), new Spool(settings.spoolDir()), queue, Clock.systemUTC(),
                    new SecureRandom(), log);
            return shim.run(kind, positional.get(0), env) == PowerSaveShim.Delivery.LOST ? FAILURE : OK;
        } finally {
            if (sqs != null) {
                sqs.close();
            }
        }
    }

    private static int usage(String problem) {
        System.err.println("spotburst shim: " + problem + "\nusage: ShimMain resume|suspend|resume-fail [--settings FILE] "
                + "HOSTLIST\n       ShimMain agent [--settings FILE]");
        return USAGE;
    }
}
