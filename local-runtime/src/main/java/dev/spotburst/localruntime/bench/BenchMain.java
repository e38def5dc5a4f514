package dev.spotburst.localruntime.bench;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.ConfigLoader;
import dev.spotburst.instancetypes.OfflineInstanceTypeCatalog;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The performance figures of docs/benchmarks.md. Prints, asserts nothing. Run from the repository root:
 * <pre>./mvnw -B -q -pl local-runtime exec:java -Dexec.mainClass=dev.spotburst.localruntime.bench.BenchMain -Dexec.args="all 3"</pre>
 * Arguments: {@code resume|reconcile|idle|all} and the number of runs (default 3; medians are reported).
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "all";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        if (runs < 1 || runs > 10) {
            throw new IllegalArgumentException("runs must be 1..10, got " + runs);
        }
        PrintStream out = System.out;
        if (which.equals("all") || which.equals("resume")) {
            // The first burst of a JVM runs JIT-cold code: the control plane's and that of the stand-ins sharing this
            // JVM (DynamoDB Local, ElasticMQ, the emulator). It is printed on its own line and not in the medians.
            var cold = ResumeBurstBench.run(1000, Duration.ofMillis(250), out);
            var results = new ArrayList<ResumeBurstBench.Result>();
            for (int i = 0; i < runs; i++) {
                results.add(ResumeBurstBench.run(1000, Duration.ofMillis(250), out));
            }
            out.printf("RESUME BURST first of this JVM (JIT-cold, not in the medians): latency p50 %d ms, p99 %d ms%n",
                    cold.p50(), cold.p99());
            out.printf("RESUME BURST (1,000 nodes, 4 groups, ResumeRate 100, pass 250 ms), median of %d warm: latency p50 %.0f ms, "
                            + "p99 %.0f ms, max %.0f ms; EC2 calls per node %.3f mutating, %.3f total; %d of %d launched%n", runs,
                    med(results, r -> r.p50()), med(results, r -> r.p99()), med(results, r -> r.max()),
                    med(results, ResumeBurstBench.Result::mutatingPerNode), med(results, ResumeBurstBench.Result::totalPerNode),
                    results.getLast().launched(), results.getLast().nodes());
            out.println("  EC2 calls of the last run: " + results.getLast().ec2Calls());
        }
        if (which.equals("tags")) {
            // Mutating EC2 calls per resumed node under each Spotburst.NodeNameTags mode (counts: one run each is enough).
            for (var mode : dev.spotburst.config.NodeNameTags.values()) {
                var r = ResumeBurstBench.run(1000, Duration.ofMillis(250), mode, out);
                out.printf("NODE NAME TAGS %s: EC2 mutating calls per node %.3f (%d of %d launched); EC2 calls %s%n",
                        mode.wire(), r.mutatingPerNode(), r.launched(), r.nodes(), r.ec2Calls());
            }
        }
        if (which.equals("all") || which.equals("reconcile")) {
            var results = new ArrayList<ReconcileBench.Result>();
            for (int i = 0; i < runs; i++) {
                results.add(ReconcileBench.run(100, 100, out));
            }
            out.printf("RECONCILE (10,000 nodes, 100 groups, planner in process), median of %d: plan %.0f ms, snapshot build "
                            + "%.0f ms, heap before %.0f MB, after %.0f MB, peak %.0f MB, %d actions%n", runs,
                    med(results, ReconcileBench.Result::planMillis), med(results, ReconcileBench.Result::buildMillis),
                    med(results, r -> r.heapBeforeMb()), med(results, r -> r.heapAfterMb()), med(results, r -> r.heapPeakMb()),
                    results.getLast().actions());
        }
        if (which.equals("all") || which.equals("idle")) {
            var config = exampleConfig();
            var results = new ArrayList<IdleCostBench.Result>();
            for (int i = 0; i < runs; i++) {
                results.add(IdleCostBench.run(config, 20, 10, out));
            }
            out.printf("IDLE COST (example config, %d nodes), median of %d: $%.3f per month (Lambda $%.3f, DynamoDB $%.3f, "
                            + "SQS $%.3f); reconcile %.0f ms, report %.0f ms%n", config.nodeGroups().mapToInt(g -> g.maxNodes()).sum(),
                    runs, med(results, r -> r.monthly().total()), med(results, r -> r.monthly().lambda()),
                    med(results, r -> r.monthly().dynamodb()), med(results, r -> r.monthly().sqs()),
                    med(results, IdleCostBench.Result::reconcileMillis), med(results, IdleCostBench.Result::reportMillis));
        }
        System.exit(0); // library threads (ElasticMQ's actor system) must not keep exec:java waiting
    }

    private static <T> double med(List<T> results, ToDoubleFunction<T> f) {
        return BenchConfigs.median(results.stream().map(f::applyAsDouble).toList());
    }

    static ClusterConfig exampleConfig() throws java.io.IOException {
        for (Path dir : List.of(Path.of("examples"), Path.of("..", "examples"))) {
            if (Files.isReadable(dir.resolve("partitions.json"))) {
                return ConfigLoader.parse(Files.readString(dir.resolve("partitions.json")),
                        Files.readString(dir.resolve("config.json")), OfflineInstanceTypeCatalog.load()).config();
            }
        }
        throw new IllegalStateException("examples/partitions.json not found; run from the repository root or local-runtime/");
    }
}
