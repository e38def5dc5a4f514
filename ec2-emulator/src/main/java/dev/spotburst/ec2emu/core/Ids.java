package dev.spotburst.ec2emu.core;

import java.util.Random;

/** Resource ids in the shapes EC2 uses. Seeded so a test run can be reproduced. Guarded by the world lock. */
public final class Ids {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private final Random random;

    public Ids(long seed) {
        this.random = new Random(seed);
    }

    public String hex(String prefix, int n) {
        return prefix + chars(HEX, n);
    }

    public String instance() {
        return hex("i-", 17);
    }

    public String reservation() {
        return hex("r-", 17);
    }

    public String volume() {
        return hex("vol-", 17);
    }

    public String launchTemplate() {
        return hex("lt-", 17);
    }

    public String spotRequest() {
        return "sir-" + chars(ALNUM, 8);
    }

    /** EC2 Fleet ids look like {@code fleet-598fb973-87b7-422d-be4d-6b0809bfff0a}. */
    public String fleet() {
        return "fleet-" + chars(HEX, 8) + "-" + chars(HEX, 4) + "-" + chars(HEX, 4) + "-" + chars(HEX, 4) + "-" + chars(HEX, 12);
    }

    public String uuid() {
        return chars(HEX, 8) + "-" + chars(HEX, 4) + "-" + chars(HEX, 4) + "-" + chars(HEX, 4) + "-" + chars(HEX, 12);
    }

    private String chars(char[] alphabet, int n) {
        char[] out = new char[n];
        for (int i = 0; i < n; i++) {
            out[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(out);
    }
}
