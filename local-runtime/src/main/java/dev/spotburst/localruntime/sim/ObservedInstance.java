package dev.spotburst.localruntime.sim;

/**
 * What a compute node's slurmd lives on, as seen in the cloud: the instance's state, private IP and the identity of
 * its memory contents (the same after a hibernation, new after a cold boot).
 */
public record ObservedInstance(String instanceId, String state, String privateIp, String memory) {
}
