package dev.spotburst.localcloud;

/** Thrown by a {@link TaskHandler} to fail its Task state with {@code error} as the Step Functions error name. */
public class TaskFailure extends RuntimeException {

    private final String error;

    public TaskFailure(String error, String cause) {
        super(cause);
        if (error == null || error.isBlank()) {
            throw new IllegalArgumentException("task failure needs an error name, got '" + error + "'");
        }
        this.error = error;
    }

    public String error() {
        return error;
    }

    public String cause() {
        return getMessage();
    }
}
