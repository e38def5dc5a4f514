package dev.spotburst.functions.launch;

/** A tag to put on launched resources, already resolved except for values known only after launch. */
public record LaunchTag(String key, String value) {

    /** Placeholders EC2 knows only once the instance exists; such tags are written with CreateTags after launch. */
    public boolean needsInstanceFacts() {
        return value.contains("{ip_address}") || value.contains("{hostname}");
    }

    public LaunchTag fill(String ipAddress, String hostname) {
        return new LaunchTag(key, value.replace("{ip_address}", nz(ipAddress)).replace("{hostname}", nz(hostname)));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
