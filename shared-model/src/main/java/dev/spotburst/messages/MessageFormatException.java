package dev.spotburst.messages;

/** A message that cannot be understood; the text names the field and the bad value. Poison: send it to the DLQ. */
public class MessageFormatException extends RuntimeException {
    public MessageFormatException(String message) {
        super(message);
    }

    public MessageFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
