package dev.spotburst.ec2emu.core;

import dev.spotburst.ec2emu.SubnetSpec;

import java.util.HashSet;
import java.util.Set;

/**
 * A subnet and its private address pool. AWS reserves the first four addresses and the last one of every subnet
 * (VPC User Guide, "Subnet CIDR blocks"). Addresses are handed out round-robin so a released address is not reused
 * soon after; an address is never handed out while an instance (running or stopped) holds it.
 */
public final class Subnet {

    public final SubnetSpec spec;
    public final String azId;
    private final long base;
    private final long size;
    private final Set<Long> used = new HashSet<>();
    private long cursor = 4;

    public Subnet(SubnetSpec spec, String azId) {
        this.spec = spec;
        this.azId = azId;
        String[] parts = spec.cidr().split("/");
        int bits = Integer.parseInt(parts[1]);
        if (bits < 16 || bits > 28) {
            throw new IllegalArgumentException("subnet " + spec.subnetId() + ": prefix must be /16../28, got /" + bits);
        }
        String[] o = parts[0].split("\\.");
        long ip = 0;
        for (String s : o) {
            int v = Integer.parseInt(s);
            if (v > 255) {
                throw new IllegalArgumentException("subnet " + spec.subnetId() + ": bad address " + parts[0]);
            }
            ip = (ip << 8) | v;
        }
        this.size = 1L << (32 - bits);
        this.base = ip & ~(size - 1);
    }

    public String allocate() {
        long usable = size - 5;
        if (used.size() >= usable) {
            return null;
        }
        while (true) {
            long off = cursor;
            cursor = cursor + 1 >= size - 1 ? 4 : cursor + 1;
            if (used.add(off)) {
                return format(base + off);
            }
        }
    }

    public void release(String address) {
        used.remove(parse(address) - base);
    }

    public int availableIpAddressCount() {
        return (int) (size - 5 - used.size());
    }

    private static String format(long ip) {
        return ((ip >> 24) & 255) + "." + ((ip >> 16) & 255) + "." + ((ip >> 8) & 255) + "." + (ip & 255);
    }

    private static long parse(String a) {
        long ip = 0;
        for (String s : a.split("\\.")) {
            ip = (ip << 8) | Integer.parseInt(s);
        }
        return ip;
    }
}
