package dev.spotburst.ec2emu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event type the emulator emits has exactly the envelope and detail fields of its sample in test-events. */
class EventShapesIT extends EmulatorFixture {

    private static final ObjectMapper M = new ObjectMapper();
    private static final Path SAMPLES = Path.of("..", "test-events", "src", "main", "resources", "events", "ec2");

    @Test
    void emittedEventsMatchSamples() throws IOException {
        emu.control().setCapacity("m5.large", "us-east-1b", "spot", 0);
        ec2.createFleet(r -> r.type(FleetType.MAINTAIN)
                .launchTemplateConfigs(c -> c.launchTemplateSpecification(s -> s.launchTemplateName("compute"))
                        .overrides(o -> o.subnetId("subnet-a"), o -> o.subnetId("subnet-b")))
                .targetCapacitySpecification(t -> t.totalTargetCapacity(1).defaultTargetCapacityType(DefaultTargetCapacityType.SPOT)));
        emu.control().tick();
        String iid = emu.control().instances().get(0).instanceId();
        emu.control().rebalance(iid);
        emu.control().interruptPool("m5.large", "us-east-1a");
        emu.control().advance(Duration.ofMinutes(2));

        Map<String, JsonNode> samples = new HashMap<>();
        try (Stream<Path> files = Files.list(SAMPLES)) {
            for (Path f : files.toList()) {
                JsonNode n = M.readTree(f.toFile());
                samples.putIfAbsent(n.get("detail-type").asText(), n);
            }
        }
        Set<String> seen = new TreeSet<>();
        for (String e : events) {
            JsonNode n = M.readTree(e);
            String type = n.get("detail-type").asText();
            seen.add(type);
            JsonNode sample = samples.get(type);
            assertThat(sample).as("sample for " + type).isNotNull();
            assertThat(fields(n)).as(type).isEqualTo(fields(sample));
            assertThat(fields(n.get("detail"))).as(type + " detail").isEqualTo(fields(sample.get("detail")));
            assertThat(n.get("source")).isEqualTo(sample.get("source"));
            assertThat(n.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        }
        assertThat(seen).contains("EC2 Instance State-change Notification", "EC2 Spot Instance Interruption Warning",
                "EC2 Instance Rebalance Recommendation", "EC2 Fleet State Change", "EC2 Fleet Instance Change", "EC2 Fleet Error");
    }

    private static Set<String> fields(JsonNode n) {
        Set<String> out = new TreeSet<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }
}
