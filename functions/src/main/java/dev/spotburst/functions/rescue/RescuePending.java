package dev.spotburst.functions.rescue;

/**
 * Step mode ({@link RescuePolling#stepwise}): an instance or volume has not reached the state the next step needs.
 * Not a failure: the invocation ends and the next one (a reconcile tick, the workflow's next poll) continues from
 * what EC2 shows then.
 */
final class RescuePending extends RuntimeException {
    RescuePending(String what) {
        super(what, null, false, false);
    }
}
