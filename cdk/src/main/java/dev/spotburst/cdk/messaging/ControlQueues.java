package dev.spotburst.cdk.messaging;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

import java.util.List;

/**
 * The three queues between Slurm's head node and the control plane: power-save requests (FIFO, in), commands to
 * the head-node agent (FIFO, out) and the agent's reports (standard, in).
 */
public final class ControlQueues extends Construct {

    /** @param consumerTimeout the longest timeout of a Lambda consuming requests or reports */
    public record Props(String clusterName, Duration consumerTimeout) {
    }

    private final QueueWithDeadLetter requests;
    private final QueueWithDeadLetter commands;
    private final QueueWithDeadLetter reports;

    public ControlQueues(Construct scope, String id, Props props) {
        super(scope, id);
        Duration lambdaVisibility = Duration.seconds(props.consumerTimeout().toSeconds().intValue() * 6);
        String base = props.clusterName();
        requests = new QueueWithDeadLetter(this, "Requests",
                new QueueWithDeadLetter.Props(base + "-requests", true, lambdaVisibility));
        // The agent polls this one itself and applies a command in seconds.
        commands = new QueueWithDeadLetter(this, "Commands",
                new QueueWithDeadLetter.Props(base + "-commands", true, Duration.seconds(60)));
        reports = new QueueWithDeadLetter(this, "Reports",
                new QueueWithDeadLetter.Props(base + "-reports", false, lambdaVisibility));
    }

    public Queue requests() {
        return requests.queue();
    }

    public Queue requestsDeadLetterQueue() {
        return requests.deadLetterQueue();
    }

    public Queue commands() {
        return commands.queue();
    }

    public Queue reports() {
        return reports.queue();
    }

    public List<QueueWithDeadLetter> all() {
        return List.of(requests, commands, reports);
    }
}
