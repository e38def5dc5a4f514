package dev.spotburst.shims.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;

/** Performs an install plan under a prefix. Files are replaced atomically (temp + rename); re-running is harmless. */
public final class InstallApplier {

    private InstallApplier() {
    }

    /** Applies every step; returns warnings (e.g. an owner that could not be set). */
    public static List<String> apply(List<InstallStep> steps, Path prefix) throws IOException {
        List<String> warnings = new ArrayList<>();
        boolean realRoot = prefix.equals(Path.of("/"));
        for (InstallStep step : steps) {
            Path target = HeadNodeInstaller.under(prefix, step.path());
            switch (step) {
                case InstallStep.Directory d -> {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(d.permissions()));
                    // Owners only make sense on the machine itself; a test prefix keeps the caller's.
                    if (d.owner() != null && realRoot) {
                        try {
                            UserPrincipal owner = target.getFileSystem().getUserPrincipalLookupService()
                                    .lookupPrincipalByName(d.owner());
                            Files.setOwner(target, owner);
                        } catch (IOException e) {
                            warnings.add("cannot give " + target + " to " + d.owner() + ": " + e.getMessage());
                        }
                    }
                }
                case InstallStep.FileContent f -> replace(target, f.content().getBytes(StandardCharsets.UTF_8), f.permissions());
                case InstallStep.CopyFile c -> replace(target, Files.readAllBytes(c.source()), c.permissions());
                case InstallStep.Link l -> {
                    Files.createDirectories(target.getParent());
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, l.target());
                }
            }
        }
        return warnings;
    }

    private static void replace(Path target, byte[] bytes, String permissions) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".spotburst-tmp");
        Files.write(tmp, bytes);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(permissions));
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
