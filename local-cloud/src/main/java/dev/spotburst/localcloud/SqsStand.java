package dev.spotburst.localcloud;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.rest.sqs.TheSQSRestServerBuilder;

import java.net.URI;

/** ElasticMQ on 127.0.0.1 (SQS JSON protocol; queue URLs carry the bound port, ARNs the configured region). */
final class SqsStand implements AutoCloseable {

    private final SQSRestServer server;
    private final URI endpoint;

    private SqsStand(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    static SqsStand start(int port, String region) {
        TheSQSRestServerBuilder builder = SQSRestServerBuilder.withInterface("127.0.0.1").withAWSRegion(region);
        builder = port == 0 ? builder.withDynamicPort() : builder.withPort(port);
        SQSRestServer server = builder.start();
        int bound = server.waitUntilStarted().localAddress().getPort();
        return new SqsStand(server, URI.create("http://127.0.0.1:" + bound));
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
