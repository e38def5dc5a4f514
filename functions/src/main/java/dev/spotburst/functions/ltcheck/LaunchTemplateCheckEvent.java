package dev.spotburst.functions.ltcheck;

import dev.spotburst.functions.cfn.RequestType;

import java.util.Map;

/**
 * One onEvent invocation from the CDK Provider framework for {@code Custom::SpotburstLaunchTemplateCheck}. The
 * resource has no isComplete phase: the check is a handful of DescribeLaunchTemplateVersions calls.
 *
 * @param physicalResourceId null on Create (CloudFormation has not been told one yet)
 * @param cluster            {@code ResourceProperties.ClusterName}, must be the cluster the function's config describes
 */
public record LaunchTemplateCheckEvent(RequestType requestType, String physicalResourceId, String cluster) {


    public static LaunchTemplateCheckEvent parse(Map<String, Object> event) {
        if (event == null) {
            throw new IllegalArgumentException("empty event: expected a CloudFormation custom resource request");
        }
        RequestType type = RequestType.of(event);
        Object pid = event.get("PhysicalResourceId");
        if (type != RequestType.CREATE && pid == null) {
            throw new IllegalArgumentException("field 'PhysicalResourceId' is required for " + event.get("RequestType"));
        }
        if (!(event.get("ResourceProperties") instanceof Map<?, ?> props)) {
            throw new IllegalArgumentException("field 'ResourceProperties' must be an object, got "
                    + event.get("ResourceProperties"));
        }
        Object cluster = props.get("ClusterName");
        if (!(cluster instanceof String c) || !c.matches("[A-Za-z0-9][A-Za-z0-9-]{0,62}")) {
            throw new IllegalArgumentException(
                    "field 'ResourceProperties.ClusterName' must be letters, digits and '-', got '" + cluster + "'");
        }
        return new LaunchTemplateCheckEvent(type, pid == null ? null : pid.toString(), c);
    }
}
