package dev.spotburst.localruntime.demo;

import dev.spotburst.json.Json;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.ec2.model.CancelSpotInstanceRequestsRequest;
import software.amazon.awssdk.services.ec2.model.CreateFleetRequest;
import software.amazon.awssdk.services.ec2.model.CreateFleetResponse;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import dev.spotburst.localruntime.sim.NodeIdentity;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

import java.util.List;
import java.util.Optional;

/**
 * Registered for every SDK client of the JVM through the SDK's global interceptor file
 * ({@code software/amazon/awssdk/global/handlers/execution.interceptors}), because the control plane builds its
 * own clients. Inert (one volatile read per call) unless an {@link SdkCallLog} is installed.
 */
public final class RecordingInterceptor implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> ISSUED = new ExecutionAttribute<>("spotburst.issuedAtMillis");

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (SdkCallLog.current() != null && attributes.getAttribute(ISSUED) == null) {
            attributes.putAttribute(ISSUED, System.currentTimeMillis()); // first attempt only: retries are not "issued" again
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        var log = SdkCallLog.current();
        if (log == null) {
            return;
        }
        if (computeNode(context.request())) {
            log.count("ComputeNode:" + attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + ":"
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)); // not the control plane's
            return;
        }
        count(log, context.request(), attributes);
        Object req = context.request();
        Object resp = context.response();
        long issued = Optional.ofNullable(attributes.getAttribute(ISSUED)).orElse(System.currentTimeMillis());
        if (req instanceof CreateFleetRequest r && resp instanceof CreateFleetResponse s) {
            var ids = s.instances().stream().flatMap(i -> i.instanceIds().stream()).toList();
            var errors = s.errors().stream().map(e -> e.errorCode()).toList();
            String market = r.targetCapacitySpecification().defaultTargetCapacityTypeAsString();
            String group = tag(r.tagSpecifications(), "spotburst:node-group");
            int wanted = r.targetCapacitySpecification().totalTargetCapacity();
            log.launch(new SdkCallLog.Launch(issued, "CreateFleet", group, null, market, wanted, ids, errors));
            log.timeline("CreateFleet " + group + " " + wanted + " node" + (wanted == 1 ? "" : "s") + " → "
                    + ids.size() + " instance" + (ids.size() == 1 ? "" : "s") + " (" + market + ")"
                    + (errors.isEmpty() ? "" : ", errors: " + summarize(errors)));
        } else if (req instanceof RunInstancesRequest r && resp instanceof RunInstancesResponse s) {
            var ids = s.instances().stream().map(i -> i.instanceId()).toList();
            String node = tag(r.tagSpecifications(), "Name");
            String market = r.instanceMarketOptions() == null ? "on-demand" : "spot";
            log.launch(new SdkCallLog.Launch(issued, "RunInstances", tag(r.tagSpecifications(), "spotburst:node-group"),
                    node, market, 1, ids, List.of()));
            log.timeline("RunInstances " + node + " (" + market + ", " + r.subnetId() + ") → " + String.join(",", ids));
        } else if (req instanceof TerminateInstancesRequest r) {
            log.timeline("TerminateInstances " + r.instanceIds().size());
        } else if (req instanceof CancelSpotInstanceRequestsRequest r) {
            log.timeline("CancelSpotInstanceRequests " + r.spotInstanceRequestIds().size());
        } else if (req instanceof ReceiveMessageRequest r && resp instanceof ReceiveMessageResponse s
                && r.queueUrl().equals(log.requestsQueueUrl())) {
            for (var m : s.messages()) {
                String sent = m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
                String id = requestId(m.body());
                if (sent != null && id != null) {
                    log.sent(id, Long.parseLong(sent));
                }
            }
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        var log = SdkCallLog.current();
        if (log == null) {
            return;
        }
        if (computeNode(context.request())) {
            log.count("ComputeNode:" + attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + ":"
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)); // not the control plane's
            return;
        }
        count(log, context.request(), attributes);
        String code = context.exception() instanceof AwsServiceException e && e.awsErrorDetails() != null
                ? e.awsErrorDetails().errorCode() : context.exception().getClass().getSimpleName();
        long issued = Optional.ofNullable(attributes.getAttribute(ISSUED)).orElse(System.currentTimeMillis());
        if (context.request() instanceof RunInstancesRequest r) {
            String node = tag(r.tagSpecifications(), "Name");
            String market = r.instanceMarketOptions() == null ? "on-demand" : "spot";
            log.launch(new SdkCallLog.Launch(issued, "RunInstances", tag(r.tagSpecifications(), "spotburst:node-group"),
                    node, market, 1, List.of(), List.of(code)));
            log.timeline("RunInstances " + node + " (" + market + ", " + r.instanceTypeAsString() + " in " + r.subnetId()
                    + ") → " + code);
        } else if (context.request() instanceof CreateFleetRequest r) {
            log.timeline("CreateFleet " + tag(r.tagSpecifications(), "spotburst:node-group") + " → " + code);
        }
    }

    private static void count(SdkCallLog log, Object request, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String key = service + ":" + op;
        String queue = queueUrl(request);
        if (queue != null) {
            key += ":" + queue.substring(queue.lastIndexOf('/') + 1);
        }
        log.count(key);
    }

    /** A read the simulated compute nodes make ({@link NodeIdentity}), marked by a request header. */
    private static boolean computeNode(Object request) {
        return request instanceof software.amazon.awssdk.awscore.AwsRequest r && r.overrideConfiguration()
                .map(o -> o.headers().containsKey(NodeIdentity.HEADER)).orElse(false);
    }

    private static String queueUrl(Object request) {
        if (request instanceof software.amazon.awssdk.core.SdkRequest r) {
            return r.getValueForField("QueueUrl", String.class).orElse(null);
        }
        return null;
    }

    private static String tag(List<TagSpecification> specs, String key) {
        return specs.stream().flatMap(s -> s.tags().stream()).filter(t -> key.equals(t.key())).map(t -> t.value())
                .findFirst().orElse(null);
    }

    private static String requestId(String body) {
        try {
            var node = Json.mapper().readTree(body).get("id");
            return node == null ? null : node.asText();
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private static String summarize(List<String> codes) {
        var counts = new java.util.TreeMap<String, Integer>();
        codes.forEach(c -> counts.merge(c, 1, Integer::sum));
        return counts.entrySet().stream().map(e -> e.getKey() + (e.getValue() > 1 ? "×" + e.getValue() : ""))
                .reduce((a, b) -> a + ", " + b).orElse("");
    }
}
