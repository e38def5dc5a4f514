package dev.spotburst.ec2emu.core;

/** A capacity pool: instance type × Availability Zone × purchasing option ({@code spot} or {@code on-demand}). */
public record PoolKey(String instanceType, String availabilityZone, String market) {

    public PoolKey {
        if (!"spot".equals(market) && !"on-demand".equals(market)) {
            throw new IllegalArgumentException("market must be 'spot' or 'on-demand', got '" + market + "'");
        }
    }
}
