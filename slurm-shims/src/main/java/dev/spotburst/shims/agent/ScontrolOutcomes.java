package dev.spotburst.shims.agent;

import dev.spotburst.messages.CommandResult.Outcome;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.messages.SlurmSnapshot;

import java.util.List;
import java.util.Locale;

/**
 * Turns an scontrol answer into APPLIED / ALREADY_DONE / FAILED. "Already in that state" answers count as done, so
 * a command delivered twice (SQS at-least-once, agent killed mid-command) reports success both times. Where
 * scontrol's answer alone is ambiguous ("Invalid node state specified"), the nodes' state after the call decides.
 */
public final class ScontrolOutcomes {

    /** Slurm's own texts (src/common/slurm_errno.c, 22.05). */
    static final String INVALID_NODE_STATE = "invalid node state specified";
    static final String JOB_NOT_SUSPENDED = "job is not suspended";
    static final String JOB_SUSPENDED = "job is current suspended";
    static final String JOB_PENDING = "job is pending execution";

    public record Judgement(Outcome outcome, String detail) {
    }

    private ScontrolOutcomes() {
    }

    /** True when the verdict depends on the nodes' state after the call: fetch it and pass it to {@link #judge}. */
    public static boolean needsNodeCheck(SlurmCommand command, ProcessResult result) {
        boolean resumeLike = command instanceof SlurmCommand.NodeResume || command instanceof SlurmCommand.NodeClearReason;
        return resumeLike && !result.timedOut() && result.exitCode() != 0 && says(result, INVALID_NODE_STATE);
    }

    /**
     * @param nodesAfter the targeted nodes as {@code scontrol show node} reports them after the call; only read when
     *                   {@link #needsNodeCheck} was true (null = could not be read)
     */
    public static Judgement judge(SlurmCommand command, ProcessResult result, List<SlurmSnapshot.Node> nodesAfter) {
        if (result.timedOut()) {
            return new Judgement(Outcome.FAILED, "scontrol timed out; " + orNone(result.text()));
        }
        if (result.exitCode() == 0) {
            return new Judgement(Outcome.APPLIED, blankToNull(result.text()));
        }
        String text = result.text();
        switch (command) {
            case SlurmCommand.JobResume c when says(result, JOB_NOT_SUSPENDED) -> {
                return new Judgement(Outcome.ALREADY_DONE, text);
            }
            case SlurmCommand.JobSuspend c when says(result, JOB_SUSPENDED) -> {
                return new Judgement(Outcome.ALREADY_DONE, text);
            }
            case SlurmCommand.JobRequeue c when says(result, JOB_PENDING) -> {
                return new Judgement(Outcome.ALREADY_DONE, text);
            }
            case SlurmCommand.NodeResume c when needsNodeCheck(command, result) -> {
                return afterResume(nodesAfter, text);
            }
            case SlurmCommand.NodeClearReason c when needsNodeCheck(command, result) -> {
                return afterClearReason(nodesAfter, text);
            }
            default -> {
                return new Judgement(Outcome.FAILED, "scontrol exit " + result.exitCode() + ": " + orNone(text));
            }
        }
    }

    /** RESUME refused: done if no node is DOWN / drained / failed any more (e.g. it already was {@code idle}). */
    private static Judgement afterResume(List<SlurmSnapshot.Node> nodes, String text) {
        if (nodes == null || nodes.isEmpty()) {
            return new Judgement(Outcome.FAILED, text + " (and the node state could not be read to check)");
        }
        List<String> stuck = nodes.stream()
                .filter(n -> NodeStateText.unusable(new NodeStateText.State(n.state(), n.flags())))
                .map(n -> n.name() + "=" + n.state() + n.flags())
                .toList();
        return stuck.isEmpty()
                ? new Judgement(Outcome.ALREADY_DONE, "nodes already usable; scontrol said: " + text)
                : new Judgement(Outcome.FAILED, text + "; still unusable: " + String.join(", ", stuck));
    }

    /** On {@code idle~}, RESUME answers an error but clears the reason (slurm-findings P6): the reason decides. */
    private static Judgement afterClearReason(List<SlurmSnapshot.Node> nodes, String text) {
        if (nodes == null || nodes.isEmpty()) {
            return new Judgement(Outcome.FAILED, text + " (and the node state could not be read to check)");
        }
        List<String> kept = nodes.stream().filter(n -> n.reason() != null)
                .map(n -> n.name() + " reason='" + n.reason() + "'").toList();
        return kept.isEmpty()
                ? new Judgement(Outcome.APPLIED, "reason cleared (scontrol said: " + text + ")")
                : new Judgement(Outcome.FAILED, text + "; reason still set: " + String.join(", ", kept));
    }

    private static boolean says(ProcessResult r, String needle) {
        return r.text().toLowerCase(Locale.ROOT).contains(needle);
    }

    private static String orNone(String s) {
        return s == null || s.isBlank() ? "(no output)" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
