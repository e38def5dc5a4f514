package dev.spotburst.localcloud;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Its own cloud (not the shared one): start, answer on loopback only, close twice, ports released. */
class LocalCloudLifecycleIT {

    @Test
    void bindsLoopbackOnlyAndCloseIsIdempotentAndReleasesThePorts() throws Exception {
        LocalCloud cloud = LocalCloud.start(LocalCloudOptions.defaults().withRegion("eu-west-1"));
        System.err.printf("[figure] local cloud start-up (LocalCloudLifecycleIT): %d ms%n", cloud.startupTime().toMillis());
        List<URI> endpoints = List.of(cloud.ec2Endpoint(), cloud.dynamoDbEndpoint(), cloud.sqsEndpoint());
        try (var sqs = LocalClients.sqs(cloud); var dynamoDb = LocalClients.dynamoDb(cloud); var ec2 = LocalClients.ec2(cloud)) {
            String queue = sqs.createQueue(b -> b.queueName("lifecycle")).queueUrl();
            assertThat(new FreshResources(dynamoDb, sqs).queueArn(queue)).startsWith("arn:aws:sqs:eu-west-1:");
            assertThat(dynamoDb.listTables().tableNames()).isEmpty();
            assertThat(ec2.describeAvailabilityZones().availabilityZones()).extracting(z -> z.zoneName())
                    .contains("eu-west-1a");
        }
        Optional<InetAddress> external = nonLoopbackAddress();
        for (URI endpoint : endpoints) {
            assertThat(accepts("127.0.0.1", endpoint.getPort())).as("%s on loopback", endpoint).isTrue();
            external.ifPresent(address -> assertThat(accepts(address.getHostAddress(), endpoint.getPort()))
                    .as("%s on %s", endpoint, address).isFalse());
        }

        cloud.close();
        cloud.close();

        assertThat(cloud.isClosed()).isTrue();
        for (URI endpoint : endpoints) {
            assertThat(accepts("127.0.0.1", endpoint.getPort())).as("%s after close", endpoint).isFalse();
        }
    }

    private static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
