package dev.spotburst.ec2emu;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything configurable about an emulator. {@link #defaults()} starts on any free loopback port in us-east-1 with a
 * virtual clock, zero lifecycle delays, a default VPC with one subnet per AZ ({@code us-east-1a..c}) and no throttling.
 */
public record Ec2EmulatorOptions(
        int port,
        String region,
        String accountId,
        EmulatorClock clock,
        Duration pendingToRunning,
        Duration stoppingToStopped,
        Duration shuttingDownToTerminated,
        Duration interruptionNotice,
        Duration hibernateNotice,
        Duration terminatedVisibleFor,
        int defaultCapacityPerPool,
        int maxSpotInstances,
        ThrottleSpec throttle,
        List<String> availabilityZones,
        List<SubnetSpec> subnets,
        List<LaunchTemplateSpec> launchTemplates,
        List<InstanceTypeSpec> instanceTypes,
        long idSeed) {

    public Ec2EmulatorOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(clock, "clock");
        for (Duration d : List.of(pendingToRunning, stoppingToStopped, shuttingDownToTerminated, interruptionNotice,
                hibernateNotice, terminatedVisibleFor)) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("durations must be >= 0, got " + d);
            }
        }
        if (defaultCapacityPerPool < 0 || maxSpotInstances < 0) {
            throw new IllegalArgumentException("capacities must be >= 0");
        }
        throttle = throttle == null ? ThrottleSpec.disabled() : throttle;
        availabilityZones = List.copyOf(availabilityZones);
        subnets = List.copyOf(subnets);
        launchTemplates = List.copyOf(launchTemplates);
        instanceTypes = List.copyOf(instanceTypes);
    }

    public static Ec2EmulatorOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.port = port;
        b.region = region;
        b.accountId = accountId;
        b.clock = clock;
        b.pendingToRunning = pendingToRunning;
        b.stoppingToStopped = stoppingToStopped;
        b.shuttingDownToTerminated = shuttingDownToTerminated;
        b.interruptionNotice = interruptionNotice;
        b.hibernateNotice = hibernateNotice;
        b.terminatedVisibleFor = terminatedVisibleFor;
        b.defaultCapacityPerPool = defaultCapacityPerPool;
        b.maxSpotInstances = maxSpotInstances;
        b.throttle = throttle;
        b.availabilityZones = new ArrayList<>(availabilityZones);
        b.subnets = new ArrayList<>(subnets);
        b.launchTemplates = new ArrayList<>(launchTemplates);
        b.instanceTypes = new ArrayList<>(instanceTypes);
        b.idSeed = idSeed;
        return b;
    }

    public static final class Builder {
        private int port = 0;
        private String region = "us-east-1";
        private String accountId = "000000000000";
        private EmulatorClock clock;
        private Duration pendingToRunning = Duration.ZERO;
        private Duration stoppingToStopped = Duration.ZERO;
        private Duration shuttingDownToTerminated = Duration.ZERO;
        /** EC2 User Guide, "Spot Instance interruption notices": the warning comes two minutes ahead. */
        private Duration interruptionNotice = Duration.ofMinutes(2);
        /** Same page: with hibernate "you do not receive a two-minute warning because the hibernation process begins immediately". */
        private Duration hibernateNotice = Duration.ZERO;
        /** Terminated instances stay visible in DescribeInstances for about an hour. */
        private Duration terminatedVisibleFor = Duration.ofHours(1);
        private int defaultCapacityPerPool = 1000;
        private int maxSpotInstances = 10_000;
        private ThrottleSpec throttle = ThrottleSpec.disabled();
        private List<String> availabilityZones;
        private List<SubnetSpec> subnets = new ArrayList<>();
        private List<LaunchTemplateSpec> launchTemplates = new ArrayList<>();
        private List<InstanceTypeSpec> instanceTypes = new ArrayList<>(InstanceTypeSpec.builtIn());
        private long idSeed = System.nanoTime();

        public Builder port(int v) { port = v; return this; }
        public Builder region(String v) { region = v; return this; }
        public Builder accountId(String v) { accountId = v; return this; }
        public Builder clock(EmulatorClock v) { clock = v; return this; }
        public Builder pendingToRunning(Duration v) { pendingToRunning = v; return this; }
        public Builder stoppingToStopped(Duration v) { stoppingToStopped = v; return this; }
        public Builder shuttingDownToTerminated(Duration v) { shuttingDownToTerminated = v; return this; }
        public Builder interruptionNotice(Duration v) { interruptionNotice = v; return this; }
        public Builder hibernateNotice(Duration v) { hibernateNotice = v; return this; }
        public Builder terminatedVisibleFor(Duration v) { terminatedVisibleFor = v; return this; }
        public Builder defaultCapacityPerPool(int v) { defaultCapacityPerPool = v; return this; }
        public Builder maxSpotInstances(int v) { maxSpotInstances = v; return this; }
        public Builder throttle(ThrottleSpec v) { throttle = v; return this; }
        public Builder availabilityZones(List<String> v) { availabilityZones = new ArrayList<>(v); return this; }
        public Builder subnet(SubnetSpec v) { subnets.add(v); return this; }
        public Builder launchTemplate(LaunchTemplateSpec v) { launchTemplates.add(v); return this; }
        public Builder instanceTypes(List<InstanceTypeSpec> v) { instanceTypes = new ArrayList<>(v); return this; }
        public Builder instanceType(InstanceTypeSpec v) { instanceTypes.add(v); return this; }
        public Builder idSeed(long v) { idSeed = v; return this; }

        /** All lifecycle transitions take {@code d} (pending→running, stopping→stopped, shutting-down→terminated). */
        public Builder lifecycleDelay(Duration d) {
            pendingToRunning = d;
            stoppingToStopped = d;
            shuttingDownToTerminated = d;
            return this;
        }

        public Ec2EmulatorOptions build() {
            EmulatorClock c = clock != null ? clock : EmulatorClock.manual(Instant.parse("2026-01-01T00:00:00Z"));
            List<String> azs = availabilityZones != null ? availabilityZones
                    : List.of(region + "a", region + "b", region + "c");
            return new Ec2EmulatorOptions(port, region, accountId, c, pendingToRunning, stoppingToStopped,
                    shuttingDownToTerminated, interruptionNotice, hibernateNotice, terminatedVisibleFor,
                    defaultCapacityPerPool, maxSpotInstances, throttle, azs, subnets, launchTemplates, instanceTypes,
                    idSeed);
        }
    }
}
