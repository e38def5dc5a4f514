package dev.spotburst.shims.request;

import dev.spotburst.messages.MessageCodec;
import dev.spotburst.messages.PowerSaveRequest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Durable store of requests not yet confirmed as sent: one {@code <id>.json} file per request. A file is written
 * to a hidden temporary name, forced to disk and renamed into place (and the directory forced), so after a crash a
 * file is either complete or absent. Ids are UUIDv7, so sorting names gives oldest first.
 */
public final class Spool {

    private static final String SUFFIX = ".json";

    private final Path dir;

    public Spool(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path write(PowerSaveRequest request) throws IOException {
        Files.createDirectories(dir);
        Path target = fileOf(request.id());
        Path tmp = dir.resolve("." + request.id() + SUFFIX + ".tmp");
        byte[] bytes = RequestJson.write(request).getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory();
        return target;
    }

    /** Spooled requests, oldest first. Temporary files (a write that never finished) are not listed. */
    public List<Path> pending() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path p : ds) {
                if (!p.getFileName().toString().startsWith(".") && Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        }
        files.sort(null);
        return files;
    }

    public PowerSaveRequest read(Path file) throws IOException {
        return MessageCodec.readRequest(Files.readString(file));
    }

    public void remove(String id) throws IOException {
        Files.deleteIfExists(fileOf(id));
    }

    /** Moves an unreadable file aside ({@code bad/}) so it stops blocking delivery but is kept for a human. */
    public Path quarantine(Path file) throws IOException {
        Path bad = dir.resolve("bad");
        Files.createDirectories(bad);
        return Files.move(file, bad.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    Path fileOf(String id) {
        if (id.contains("/") || id.startsWith(".")) {
            throw new IllegalArgumentException("request id cannot name a spool file: '" + id + "'");
        }
        return dir.resolve(id + SUFFIX);
    }

    private void forceDirectory() {
        // Makes the rename itself durable on Linux; some file systems refuse to open a directory: best effort.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // the file content is already on disk; only the directory entry may be lost on power failure
        }
    }
}
