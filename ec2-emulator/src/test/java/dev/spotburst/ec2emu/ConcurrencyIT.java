package dev.spotburst.ec2emu;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Instance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Concurrent callers (the control plane's Lambdas) get consistent state: unique ids and addresses, no lost launches. */
class ConcurrencyIT extends EmulatorFixture {

    @Test
    void concurrentLaunchesAndTerminations() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    List<String> ids = new ArrayList<>();
                    for (int n = 0; n < 10; n++) {
                        Instance i = ec2.runInstances(r -> r.imageId("ami-0abc").minCount(1).maxCount(1).subnetId("subnet-a"))
                                .instances().get(0);
                        ids.add(i.instanceId());
                        if (n % 2 == 0) {
                            ec2.terminateInstances(r -> r.instanceIds(i.instanceId()));
                        }
                        emu.control().tick();
                    }
                    return ids;
                }));
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : futures) {
                all.addAll(f.get());
            }
            assertThat(all).hasSize(80).doesNotHaveDuplicates();
            List<InstanceView> views = emu.control().instances();
            assertThat(views).hasSize(80);
            assertThat(views.stream().filter(v -> v.state().equals("running")).map(InstanceView::privateIpAddress))
                    .hasSize(40).doesNotHaveDuplicates();
            assertThat(emu.control().callCounts().get("RunInstances")).isEqualTo(80L);
        } finally {
            pool.shutdownNow();
        }
    }
}
