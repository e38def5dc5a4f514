package dev.spotburst.cdk;

import software.amazon.awscdk.Aws;

/**
 * Physical names derived from the cluster name. Some resources get explicit names on purpose: their ARNs can then
 * be written down without a CloudFormation reference, which breaks cycles (Lambda env ↔ state machine definition)
 * and lets the cleanup resource name things that must be deleted <em>before</em> it (a reference would invert
 * that order, see docs/cleanup.md).
 */
public record ClusterNames(String cluster) {

    public static final String CLUSTER_TAG = "spotburst:cluster";
    public static final String NODE_TAG = "spotburst:node";

    public String function(String suffix) {
        return cluster + "-" + suffix;
    }

    public String stateMachine(String workflow) {
        return cluster + "-" + workflow;
    }

    public String rule(String suffix) {
        return cluster + "-" + suffix;
    }

    /** The launch template spotburst creates and owns for a node group (see NodeLaunchTemplates). */
    public String launchTemplate(String partition, String nodeGroup) {
        return cluster + "-" + partition + "-" + nodeGroup;
    }

    public String stateMachineArn(String workflow) {
        return "arn:" + Aws.PARTITION + ":states:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":stateMachine:"
                + stateMachine(workflow);
    }

    public String ruleArn(String suffix) {
        return "arn:" + Aws.PARTITION + ":events:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":rule/" + rule(suffix);
    }

    public String functionArnPattern() {
        return "arn:" + Aws.PARTITION + ":lambda:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":function:" + cluster + "-*";
    }
}
