package dev.spotburst.cli;

import picocli.CommandLine;

/** Version from the jar manifest (set by the build), so it never drifts from the POM. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = SpotburstCommand.class.getPackage().getImplementationVersion();
        return new String[] {"spotburst " + (v == null ? "(development build)" : v)};
    }
}
