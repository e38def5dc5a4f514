package dev.spotburst.functions.reliability;

import dev.spotburst.messages.PowerSaveRequest;

import java.util.List;

/** One step of a schedule. {@code toString} is what a shrunk counterexample prints, so it reads as a sentence. */
sealed interface Step {

    /** Slurm calls ResumeProgram / SuspendProgram / ResumeFailProgram: one message is queued (not yet delivered). */
    record Request(PowerSaveRequest.Kind kind, List<String> nodes) implements Step {
        @Override
        public String toString() {
            return "slurm queues " + kind.wire() + " " + String.join(",", nodes);
        }
    }

    /**
     * Lambda takes up to {@code count} queued messages as one batch: from the head (FIFO order), or from the tail
     * (newer messages overtake older ones: reordering).
     */
    record Deliver(int count, boolean fromTail) implements Step {
        @Override
        public String toString() {
            return "deliver up to " + count + (fromTail ? " newest (out of order)" : " oldest");
        }
    }

    /** SQS delivers an already-acknowledged message again (at-least-once). */
    record Duplicate(int pick) implements Step {
        @Override
        public String toString() {
            return "redeliver acknowledged message #" + pick + " (mod count)";
        }
    }

    /** A capacity pool (or every pool of a market, {@code type = "*"}) runs dry or comes back. */
    record Capacity(String type, String zone, String market, boolean available) implements Step {
        @Override
        public String toString() {
            return "capacity " + type + "/" + zone + "/" + market + (available ? " restored" : " -> 0");
        }
    }

    record Throttle(boolean on) implements Step {
        @Override
        public String toString() {
            return "ec2 throttling " + (on ? "on" : "off");
        }
    }

    record Advance(int seconds) implements Step {
        @Override
        public String toString() {
            return "advance " + seconds + "s";
        }
    }

    /** The scheduled reconcile pass (full run: all groups and the orphan sweep). */
    record Reconcile() implements Step {
        @Override
        public String toString() {
            return "reconcile";
        }
    }

    /** Arms a one-shot crash for a later call (by a later delivery or reconcile). */
    record Crash(Fault fault) implements Step {
        @Override
        public String toString() {
            return "arm " + fault;
        }
    }
}
