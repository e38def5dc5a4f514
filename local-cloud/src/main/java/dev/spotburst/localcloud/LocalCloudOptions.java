package dev.spotburst.localcloud;

import dev.spotburst.ec2emu.Ec2EmulatorOptions;

import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start a {@link LocalCloud}. Ports 0 mean "pick a free one". {@code ec2} configures the emulator (clock,
 * capacity, delays…); its port and region are replaced by the ones here. A service listed in
 * {@code externalEndpoints} is not started: its endpoint is used as it is (LocalStack, a real account).
 */
public record LocalCloudOptions(int ec2Port, int dynamoDbPort, int sqsPort, String region, Ec2EmulatorOptions ec2,
                                Map<CloudService, URI> externalEndpoints) {

    public static final String DEFAULT_REGION = "us-east-1";

    public LocalCloudOptions {
        checkPort("ec2Port", ec2Port);
        checkPort("dynamoDbPort", dynamoDbPort);
        checkPort("sqsPort", sqsPort);
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("region must not be blank, got '" + region + "'");
        }
        Objects.requireNonNull(ec2, "ec2");
        externalEndpoints = Map.copyOf(externalEndpoints);
    }

    /** Free ports, us-east-1, the emulator's defaults (a manual clock tests move explicitly). */
    public static LocalCloudOptions defaults() {
        return new LocalCloudOptions(0, 0, 0, DEFAULT_REGION, Ec2EmulatorOptions.defaults(), Map.of());
    }

    /**
     * Defaults, except that services with {@code AWS_ENDPOINT_URL_<SERVICE>} or the global {@code AWS_ENDPOINT_URL}
     * set in {@code env} are used externally, and {@code AWS_REGION} (or {@code AWS_DEFAULT_REGION}) is honoured.
     */
    public static LocalCloudOptions fromEnvironment(Map<String, String> env) {
        Map<CloudService, URI> external = new EnumMap<>(CloudService.class);
        String global = blankToNull(env.get("AWS_ENDPOINT_URL"));
        for (CloudService service : CloudService.values()) {
            String specific = blankToNull(env.get(service.endpointVariable()));
            String chosen = specific != null ? specific : global;
            if (chosen != null) {
                external.put(service, parseEndpoint(specific != null ? service.endpointVariable() : "AWS_ENDPOINT_URL", chosen));
            }
        }
        String region = blankToNull(env.get("AWS_REGION"));
        if (region == null) {
            region = blankToNull(env.get("AWS_DEFAULT_REGION"));
        }
        return defaults().withRegion(region == null ? DEFAULT_REGION : region).withExternalEndpoints(external);
    }

    public LocalCloudOptions withEc2Port(int port) {
        return new LocalCloudOptions(port, dynamoDbPort, sqsPort, region, ec2, externalEndpoints);
    }

    public LocalCloudOptions withDynamoDbPort(int port) {
        return new LocalCloudOptions(ec2Port, port, sqsPort, region, ec2, externalEndpoints);
    }

    public LocalCloudOptions withSqsPort(int port) {
        return new LocalCloudOptions(ec2Port, dynamoDbPort, port, region, ec2, externalEndpoints);
    }

    public LocalCloudOptions withRegion(String newRegion) {
        return new LocalCloudOptions(ec2Port, dynamoDbPort, sqsPort, newRegion, ec2, externalEndpoints);
    }

    public LocalCloudOptions withEc2(Ec2EmulatorOptions newEc2) {
        return new LocalCloudOptions(ec2Port, dynamoDbPort, sqsPort, region, newEc2, externalEndpoints);
    }

    /** What the emulator is started with: {@link #ec2()} with this port and region. */
    public Ec2EmulatorOptions effectiveEc2Options() {
        Ec2EmulatorOptions.Builder builder = ec2.toBuilder().port(ec2Port).region(region);
        List<String> derivedZones = List.of(ec2.region() + "a", ec2.region() + "b", ec2.region() + "c");
        if (!ec2.region().equals(region) && ec2.availabilityZones().equals(derivedZones)) {
            // The emulator's default zones were derived from its default region; derive them from ours instead.
            builder.availabilityZones(List.of(region + "a", region + "b", region + "c"));
        }
        return builder.build();
    }

    public LocalCloudOptions withExternalEndpoints(Map<CloudService, URI> endpoints) {
        return new LocalCloudOptions(ec2Port, dynamoDbPort, sqsPort, region, ec2, endpoints);
    }

    public boolean isExternal(CloudService service) {
        return externalEndpoints.containsKey(service);
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be 0 (pick a free port) or 1..65535, got " + port);
        }
    }

    private static URI parseEndpoint(String variable, String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + " must be an absolute URL like http://127.0.0.1:4566, got '"
                    + value + "'", e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
