package dev.spotburst.ec2emu;

/** A subnet the emulator knows: private IPs of its instances come from {@code cidr}. */
public record SubnetSpec(String subnetId, String availabilityZone, String cidr, String vpcId, boolean defaultForAz) {

    public SubnetSpec {
        if (subnetId == null || !subnetId.startsWith("subnet-")) {
            throw new IllegalArgumentException("subnetId must start with 'subnet-', got '" + subnetId + "'");
        }
        if (availabilityZone == null || availabilityZone.isBlank()) {
            throw new IllegalArgumentException("availabilityZone is required for subnet " + subnetId);
        }
        if (cidr == null || !cidr.matches("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+")) {
            throw new IllegalArgumentException("cidr must look like 10.0.1.0/24 for subnet " + subnetId + ", got '" + cidr + "'");
        }
    }

    public static SubnetSpec of(String subnetId, String availabilityZone, String cidr) {
        return new SubnetSpec(subnetId, availabilityZone, cidr, "vpc-0emu00000000000a", false);
    }
}
