package dev.spotburst.shims.sqs;

import dev.spotburst.messages.MessageCodec;
import dev.spotburst.messages.PowerSaveRequest;
import dev.spotburst.shims.ShimLog;
import dev.spotburst.shims.agent.Agent;
import dev.spotburst.shims.agent.CommandApplier;
import dev.spotburst.shims.request.PowerSaveShim;
import dev.spotburst.shims.request.Spool;
import dev.spotburst.shims.settings.HeadNodeSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Shim → FIFO requests queue against ElasticMQ: group/dedup ids, deduplication of re-sends, spool then deliver. */
class ShimDeliveryIT {

    static LocalSqs sqs;
    static final Map<String, String> ENV = Map.of();
    static final StaticCredentialsProvider SESSION = StaticCredentialsProvider.create(
            AwsSessionCredentials.create("AKIDTEST", "secret-key", "session-token"));

    @TempDir
    Path dir;

    @BeforeAll
    static void up() {
        sqs = LocalSqs.start();
    }

    @AfterAll
    static void down() {
        sqs.close();
    }

    PowerSaveShim shim(String queueUrl, URI endpoint, Spool spool) {
        var client = SqsClients.forShim("us-east-1", endpoint, ENV);
        return new PowerSaveShim("c1", spool, new SqsRequestQueue(client, queueUrl), Clock.systemUTC(), new SecureRandom(),
                ShimLog.stderr("test"));
    }

    @Test
    void a_request_lands_once_with_node_group_as_message_group_and_id_as_deduplication_id() {
        String q = sqs.fifo("requests-a");
        var spool = new Spool(dir);

        var d = shim(q, sqs.endpoint(), spool).run(PowerSaveRequest.Kind.RESUME, "aws-cpu-[0-1]", ENV);

        assertThat(d).isEqualTo(PowerSaveShim.Delivery.SENT);
        var messages = sqs.drain(q);
        assertThat(messages).hasSize(1);
        var m = messages.get(0);
        var r = MessageCodec.readRequest(m.body());
        assertThat(r.hostlist()).isEqualTo("aws-cpu-[0-1]");
        assertThat(m.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "c1/aws-cpu")
                .containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, r.id());
        assertThat(m.messageAttributes().get(SqsMessages.TYPE_ATTRIBUTE).stringValue()).isEqualTo("power-save-request");
    }

    @Test
    void a_hostlist_over_two_node_groups_lands_as_one_request_per_node_group_in_its_own_message_group() throws Exception {
        String q = sqs.fifo("requests-split");
        var spool = new Spool(dir);

        var d = shim(q, sqs.endpoint(), spool).run(PowerSaveRequest.Kind.RESUME, "aws-cpu-[0-1],aws-gpu-0", ENV);

        assertThat(d).isEqualTo(PowerSaveShim.Delivery.SENT);
        var messages = sqs.drain(q);
        assertThat(messages).hasSize(2);
        var groups = new java.util.HashMap<String, String>();
        for (var m : messages) {
            var r = MessageCodec.readRequest(m.body());
            groups.put(m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID), r.hostlist());
            assertThat(m.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, r.id());
        }
        assertThat(groups).containsOnly(java.util.Map.entry("c1/aws-cpu", "aws-cpu-[0-1]"),
                java.util.Map.entry("c1/aws-gpu", "aws-gpu-0"));
        assertThat(spool.pending()).isEmpty();
    }

    @Test
    void sending_the_same_request_twice_delivers_it_once() throws Exception {
        String q = sqs.fifo("requests-b");
        var queue = new SqsRequestQueue(sqs.client(), q);
        var r = PowerSaveRequest.of("0190a0b0-0000-7000-8000-000000000001", PowerSaveRequest.Kind.SUSPEND, "aws-cpu-0",
                java.time.Instant.now(), "c1", null);

        queue.send(r);
        queue.send(r);

        assertThat(sqs.drain(q)).hasSize(1);
    }

    @Test
    void unreachable_queue_spools_and_the_agent_delivers_later_under_the_same_id() throws Exception {
        String q = sqs.fifo("requests-c");
        var spool = new Spool(dir.resolve("spool"));
        URI dead;
        try (var s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            dead = URI.create("http://127.0.0.1:" + s.getLocalPort());
        }

        var d = shim(q, dead, spool).run(PowerSaveRequest.Kind.RESUME, "aws-cpu-3", ENV);

        assertThat(d).isEqualTo(PowerSaveShim.Delivery.SPOOLED);
        assertThat(spool.pending()).hasSize(1);
        String spooledId = spool.read(spool.pending().get(0)).id();
        assertThat(sqs.drain(q)).isEmpty();

        var settings = new HeadNodeSettings("c1", "us-east-1", q, q, null, q, spool.dir(), Path.of("/nonexistent"),
                Path.of("/nonexistent"), Duration.ofSeconds(60), null);
        var agent = new Agent(settings, sqs.client(), new CommandApplier(args -> null, Clock.systemUTC()), null, spool,
                new SqsRequestQueue(sqs.client(), q), Clock.systemUTC(), ShimLog.stderr("agent"));
        assertThat(agent.deliverSpool()).isEqualTo(1);
        // A second delivery attempt of the same file (e.g. agent killed before unlinking) is deduplicated by id.
        spool.write(MessageCodec.readRequest(MessageCodec.write(
                PowerSaveRequest.of(spooledId, PowerSaveRequest.Kind.RESUME, "aws-cpu-3", java.time.Instant.now(), "c1", null))));
        assertThat(agent.deliverSpool()).isEqualTo(1);

        var messages = sqs.drain(q);
        assertThat(messages).hasSize(1);
        assertThat(MessageCodec.readRequest(messages.get(0).body()).id()).isEqualTo(spooledId);
        assertThat(spool.pending()).isEmpty();
    }

    @Test
    void the_fast_path_sends_the_same_message_as_the_sdk_path() {
        String q = sqs.fifo("requests-fast");
        var fast = new FastSqsRequestQueue(q, "us-east-1", sqs.endpoint(), SESSION, Clock.systemUTC());
        var shim = new PowerSaveShim("c1", new Spool(dir), fast, Clock.systemUTC(), new SecureRandom(), ShimLog.stderr("t"));

        assertThat(shim.run(PowerSaveRequest.Kind.RESUME_FAIL, "aws-cpu-[4-5]", ENV)).isEqualTo(PowerSaveShim.Delivery.SENT);

        var m = sqs.drain(q).get(0);
        var r = MessageCodec.readRequest(m.body());
        assertThat(r.kind()).isEqualTo(PowerSaveRequest.Kind.RESUME_FAIL);
        assertThat(m.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "c1/aws-cpu")
                .containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, r.id());
        assertThat(m.messageAttributes().get(SqsMessages.TYPE_ATTRIBUTE).stringValue()).isEqualTo("power-save-request");
    }

    @Test
    void the_fast_path_reports_sqs_errors_so_the_request_stays_spooled() {
        var fast = new FastSqsRequestQueue(sqs.endpoint() + "/000000000000/no-such-queue.fifo", "us-east-1",
                sqs.endpoint(), SESSION, Clock.systemUTC());
        var spool = new Spool(dir);
        var shim = new PowerSaveShim("c1", spool, fast, Clock.systemUTC(), new SecureRandom(), ShimLog.stderr("t"));

        assertThat(shim.run(PowerSaveRequest.Kind.RESUME, "aws-cpu-0", ENV)).isEqualTo(PowerSaveShim.Delivery.SPOOLED);
    }

    @Test
    void fast_path_endpoint_choice() {
        assertThat(FastSqsRequestQueue.endpoint("eu-west-1", Map.of())).hasToString("https://sqs.eu-west-1.amazonaws.com/");
        assertThat(FastSqsRequestQueue.endpoint("cn-north-1", Map.of())).hasToString("https://sqs.cn-north-1.amazonaws.com.cn/");
        assertThat(FastSqsRequestQueue.endpoint("eu-west-1", Map.of("AWS_ENDPOINT_URL", "http://a:1",
                "AWS_ENDPOINT_URL_SQS", "http://b:2"))).hasToString("http://b:2/");
        assertThat(FastSqsRequestQueue.endpoint("eu-west-1", Map.of("AWS_ENDPOINT_URL", "http://a:1",
                "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"))).hasToString("https://sqs.eu-west-1.amazonaws.com/");
    }
}
