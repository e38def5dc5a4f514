package dev.spotburst.cdk.iam;

import software.amazon.awscdk.Aws;

import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * EC2 ARNs for the regions the node groups launch in (node groups name their region; the stack itself is
 * environment-agnostic, so account and partition stay pseudo-parameters).
 */
public record ClusterArns(SortedSet<String> regions) {

    public ClusterArns(Collection<String> regions) {
        this(new TreeSet<>(regions));
    }

    public ClusterArns {
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("at least one node group region is needed");
        }
        regions = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(regions));
    }

    /** {@code arn:<partition>:ec2:<region>:<account>:<resource>} for every region. */
    public List<String> ec2(String resource) {
        return regions.stream().map(r -> ec2(r, resource)).toList();
    }

    public static String ec2(String region, String resource) {
        return "arn:" + Aws.PARTITION + ":ec2:" + region + ":" + Aws.ACCOUNT_ID + ":" + resource;
    }

    /** Account-less EC2 resources (public AMIs and their snapshots). */
    public List<String> ec2Public(String resource) {
        return regions.stream().map(r -> "arn:" + Aws.PARTITION + ":ec2:" + r + "::" + resource).toList();
    }
}
