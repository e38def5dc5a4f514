/**
 * Local stand-ins for AWS, for tests and the local demo; nothing here ships to Lambda.
 * <ul>
 * <li>{@link dev.spotburst.localcloud.LocalCloud}: EC2 emulator, DynamoDB Local and ElasticMQ on 127.0.0.1, started
 * in parallel, plus the {@link dev.spotburst.localcloud.LocalEventBus} that routes the emulator's EventBridge events
 * to SQS queues, in-process handlers or JSON-lines files.</li>
 * <li>{@link dev.spotburst.localcloud.LocalCloudExtension}: one shared cloud per test JVM, injected as a parameter;
 * {@link dev.spotburst.localcloud.FreshResources} makes uniquely named tables and queues;
 * {@link dev.spotburst.localcloud.LocalClients} builds SDK v2 clients for it.</li>
 * <li>{@link dev.spotburst.localcloud.LocalCloudCommand}: {@code spotburst local-cloud}, prints shell exports.</li>
 * <li>{@link dev.spotburst.localcloud.AslRunner}: runs and validates Step Functions definitions with Task states
 * routed to Java {@link dev.spotburst.localcloud.TaskHandler}s (Node scripts in {@code src/main/asl-runner}).</li>
 * </ul>
 */
package dev.spotburst.localcloud;
