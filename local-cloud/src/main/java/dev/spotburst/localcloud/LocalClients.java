package dev.spotburst.localcloud;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

import java.net.URI;

/**
 * SDK v2 clients pointed at a {@link LocalCloud} (for tests and the demo; the product's own client factory, which
 * honours {@code AWS_ENDPOINT_URL}, lives in the functions module). Local services get dummy static credentials;
 * external ones the default credential chain. Callers close the clients they get.
 */
public final class LocalClients {

    private static final AwsCredentialsProvider DUMMY =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private LocalClients() {
    }

    public static Ec2Client ec2(LocalCloud cloud) {
        return ec2Builder(cloud).build();
    }

    public static DynamoDbClient dynamoDb(LocalCloud cloud) {
        return dynamoDbBuilder(cloud).build();
    }

    public static SqsClient sqs(LocalCloud cloud) {
        return sqsBuilder(cloud).build();
    }

    public static Ec2ClientBuilder ec2Builder(LocalCloud cloud) {
        return Ec2Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(endpoint(cloud, CloudService.EC2))
                .region(Region.of(cloud.region()))
                .credentialsProvider(credentials(cloud, CloudService.EC2));
    }

    public static DynamoDbClientBuilder dynamoDbBuilder(LocalCloud cloud) {
        return DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(endpoint(cloud, CloudService.DYNAMODB))
                .region(Region.of(cloud.region()))
                .credentialsProvider(credentials(cloud, CloudService.DYNAMODB));
    }

    public static SqsClientBuilder sqsBuilder(LocalCloud cloud) {
        return SqsClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(endpoint(cloud, CloudService.SQS))
                .region(Region.of(cloud.region()))
                .credentialsProvider(credentials(cloud, CloudService.SQS));
    }

    private static URI endpoint(LocalCloud cloud, CloudService service) {
        URI uri = cloud.endpoint(service);
        if (uri == null) {
            throw new IllegalStateException("local cloud has no endpoint for " + service);
        }
        return uri;
    }

    private static AwsCredentialsProvider credentials(LocalCloud cloud, CloudService service) {
        return cloud.isLocal(service) ? DUMMY : DefaultCredentialsProvider.builder().build();
    }
}
