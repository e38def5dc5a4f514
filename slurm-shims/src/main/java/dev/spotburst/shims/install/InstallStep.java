package dev.spotburst.shims.install;

import java.nio.file.Path;

/** One file-system change of an installation; paths are absolute as on the head node, the prefix is added later. */
public sealed interface InstallStep {

    Path path();

    /** A directory with the given permissions ({@code rwxrwx---} style); {@code owner} null = leave as created. */
    record Directory(Path path, String permissions, String owner) implements InstallStep {
    }

    record FileContent(Path path, String content, String permissions) implements InstallStep {
    }

    record CopyFile(Path source, Path path, String permissions) implements InstallStep {
    }

    /** A symbolic link at {@code path} pointing to {@code target} (relative targets stay relative). */
    record Link(Path path, Path target) implements InstallStep {
    }

    default String describe() {
        return switch (this) {
            case Directory d -> "mkdir   " + d.path() + " (" + d.permissions() + (d.owner() == null ? "" : ", owner " + d.owner()) + ")";
            case FileContent f -> "write   " + f.path() + " (" + f.content().length() + " chars, " + f.permissions() + ")";
            case CopyFile c -> "copy    " + c.source() + " -> " + c.path() + " (" + c.permissions() + ")";
            case Link l -> "link    " + l.path() + " -> " + l.target();
        };
    }
}
