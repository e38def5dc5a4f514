package dev.spotburst.functions.observability;

import dev.spotburst.functions.slurm.SlurmCommands;
import dev.spotburst.hostlist.Hostlist;
import dev.spotburst.messages.CommandMessage;
import dev.spotburst.messages.SlurmCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * Counts the nodes every path sends DOWN (resume failures, boot timeouts, lost hibernations) where they all pass:
 * the commands port. Logs one line per send with each command's id, so a node's DOWN can be traced to the agent.
 */
public final class MeteredSlurmCommands implements SlurmCommands {
    private static final Logger log = LoggerFactory.getLogger(MeteredSlurmCommands.class);

    private final SlurmCommands delegate;
    private final ControlPlaneMetrics metrics;

    public MeteredSlurmCommands(SlurmCommands delegate, ControlPlaneMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public void send(List<CommandMessage> commands) {
        delegate.send(commands);
        int down = nodesDown(commands);
        if (down > 0) {
            metrics.record(new ControlPlaneMetric.NodesDown(down));
        }
        log.info("slurm commands sent: {} {}", entry("count", commands.size()),
                entry("commands", commands.stream().map(c -> c.id() + " " + c.command()).toList()));
    }

    static int nodesDown(List<CommandMessage> commands) {
        return commands.stream().mapToInt(c -> c.command() instanceof SlurmCommand.NodeDown d
                ? Hostlist.expand(d.nodes()).size() : 0).sum();
    }
}
