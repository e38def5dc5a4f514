package dev.spotburst.cli;

/** Raised by subcommands for user input errors; the message is printed as-is and the exit code is 2. */
public class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }
}
