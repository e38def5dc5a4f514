package dev.spotburst.functions.slurm;

import dev.spotburst.hostlist.Hostlist;
import dev.spotburst.messages.CommandMessage;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.model.NodeName;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;

/**
 * Builds command envelopes whose id is a digest of what caused them (command, nodes, the record versions that
 * triggered it): a retried Lambda produces the same id, and the FIFO queue (MessageDeduplicationId = id) and the
 * agent drop the repeat.
 */
public final class Commands {
    private Commands() {
    }

    public static CommandMessage message(String cluster, Instant now, SlurmCommand command, String cause) {
        return CommandMessage.of(id(command.getClass().getSimpleName(), cause, describe(command)), now, cluster, command);
    }

    public static String hostlist(Collection<NodeName> nodes) {
        return Hostlist.compress(nodes.stream().map(NodeName::toString).toList());
    }

    /** Slurm node reasons are free text, but keep them one line and bounded. */
    public static String reason(String text) {
        var oneLine = text.replaceAll("[\\r\\n]+", " ").trim();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 197) + "...";
    }

    private static String describe(SlurmCommand c) {
        return c.toString();
    }

    static String id(String... parts) {
        try {
            var md = MessageDigest.getInstance("SHA-256");
            for (var p : parts) {
                md.update(p.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return "cmd-" + HexFormat.of().formatHex(md.digest()).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
