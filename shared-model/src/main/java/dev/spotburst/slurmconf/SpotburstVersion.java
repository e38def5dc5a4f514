package dev.spotburst.slurmconf;

/** spotburst's version for generated-file headers: the jar manifest's Implementation-Version when packaged. */
final class SpotburstVersion {

    private SpotburstVersion() {
    }

    static String current() {
        String v = SpotburstVersion.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }
}
