package dev.spotburst.localslurm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The controller's /etc/hosts (bind-mounted into slurmctld's mount namespace, pitfall P5). Every node name always
 * resolves: to its instance's address while it has one, else to the parked address. Rewritten <em>in place</em>
 * (truncate + write on the same inode) so the bind mount sees each change; glibc reads the file on every lookup.
 */
public final class HostsFile {

    private final Path file;
    private final String systemHosts;
    private final Map<String, String> planned;
    private final Map<String, String> current = new TreeMap<>();

    HostsFile(Path file, String systemHosts, Map<String, String> planned) {
        this.file = file;
        this.systemHosts = systemHosts;
        this.planned = Map.copyOf(planned);
        this.current.putAll(planned);
    }

    public Path file() {
        return file;
    }

    /** Points {@code node} at {@code ip} (its instance's private address). */
    public synchronized void set(String node, String ip) {
        current.put(node, ip);
        write();
    }

    /** Points {@code node} back at its planned address (no instance). */
    public synchronized void reset(String node) {
        if (planned.containsKey(node)) {
            current.put(node, planned.get(node));
        } else {
            current.remove(node);
        }
        write();
    }

    public synchronized String address(String node) {
        return current.get(node);
    }

    synchronized void write() {
        var sb = new StringBuilder(systemHosts.strip()).append("\n# spotburst e2e\n");
        current.forEach((node, ip) -> sb.append(ip).append(' ').append(node).append('\n'));
        try {
            Files.writeString(file, sb.toString(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
