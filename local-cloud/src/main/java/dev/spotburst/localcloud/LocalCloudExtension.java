package dev.spotburst.localcloud;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.List;
import java.util.Set;

/**
 * JUnit 5 extension giving tests one shared {@link LocalCloud} per test JVM: {@code @ExtendWith(LocalCloudExtension.class)}
 * then declare parameters of type {@link LocalCloud}, {@link FreshResources}, {@link LocalEventBus},
 * {@link DynamoDbClient}, {@link SqsClient} or {@link Ec2Client} (the clients are shared; do not close them).
 * The cloud starts on first use, lives in the root {@link ExtensionContext.Store} and is closed when the test run ends.
 * Because it is shared, create tables and queues through {@link FreshResources} (unique names) and remove the event
 * bus rules a test adds.
 *
 * <p><b>Running against LocalStack or a real account:</b> when {@code AWS_ENDPOINT_URL} or
 * {@code AWS_ENDPOINT_URL_<SERVICE>} ({@code EC2}, {@code DYNAMODB}, {@code SQS}) are set in the environment, those
 * services are not started locally; their endpoints are used as given, with {@code AWS_REGION} and the default
 * credential chain. Services without such a variable still start locally, so e.g. LocalStack for DynamoDB and SQS
 * can be combined with the EC2 emulator. (This path is not exercised by this module's own build.) The local event
 * bus only sees EC2 events when the EC2 emulator is local.
 */
public final class LocalCloudExtension implements ParameterResolver {

    private static final Logger LOG = LoggerFactory.getLogger(LocalCloudExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalCloudExtension.class);
    private static final Set<Class<?>> SUPPORTED = Set.of(LocalCloud.class, FreshResources.class, LocalEventBus.class,
            DynamoDbClient.class, SqsClient.class, Ec2Client.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return SUPPORTED.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Shared shared = shared(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == LocalCloud.class) {
            return shared.cloud;
        } else if (type == FreshResources.class) {
            return shared.resources;
        } else if (type == LocalEventBus.class) {
            return shared.cloud.eventBus();
        } else if (type == DynamoDbClient.class) {
            return shared.dynamoDb;
        } else if (type == SqsClient.class) {
            return shared.sqs;
        } else if (type == Ec2Client.class) {
            return shared.ec2;
        }
        throw new ParameterResolutionException("LocalCloudExtension cannot supply " + type.getName());
    }

    /** The shared cloud for code that is not a test parameter (e.g. a {@code @BeforeAll} helper). */
    public static LocalCloud cloud(ExtensionContext context) {
        return shared(context).cloud;
    }

    private static Shared shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Shared.class, key -> Shared.start(), Shared.class);
    }

    /** Closed by JUnit (AutoCloseable values in the root store) when the test run ends. */
    private static final class Shared implements AutoCloseable {
        private final LocalCloud cloud;
        private final DynamoDbClient dynamoDb;
        private final SqsClient sqs;
        private final Ec2Client ec2;
        private final FreshResources resources;

        private Shared(LocalCloud cloud) {
            this.cloud = cloud;
            this.dynamoDb = LocalClients.dynamoDb(cloud);
            this.sqs = LocalClients.sqs(cloud);
            this.ec2 = LocalClients.ec2(cloud);
            this.resources = new FreshResources(dynamoDb, sqs);
        }

        static Shared start() {
            LocalCloudOptions options = LocalCloudOptions.fromEnvironment(System.getenv());
            LocalCloud cloud = LocalCloud.start(options);
            LOG.info("LocalCloudExtension: shared local cloud started in {} ms", cloud.startupTime().toMillis());
            try {
                return new Shared(cloud);
            } catch (RuntimeException e) {
                cloud.close();
                throw e;
            }
        }

        @Override
        public void close() {
            for (AutoCloseable client : List.<AutoCloseable>of(ec2, sqs, dynamoDb)) {
                try {
                    client.close();
                } catch (Exception e) {
                    LOG.debug("closing a shared client failed", e);
                }
            }
            cloud.close();
        }
    }
}
