package dev.spotburst.messages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.spotburst.json.Json;

/**
 * Reads and writes the head-node ↔ control-plane messages. Anything unreadable becomes a
 * {@link MessageFormatException} whose text names the field and value, ready to attach to a DLQ message.
 */
public final class MessageCodec {

    private MessageCodec() {
    }

    public static String write(Object message) {
        try {
            return Json.mapper().writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + message.getClass().getSimpleName(), e);
        }
    }

    public static PowerSaveRequest readRequest(String body) {
        return read(body, PowerSaveRequest.class, "power-save request");
    }

    public static CommandMessage readCommand(String body) {
        return read(body, CommandMessage.class, "command message");
    }

    public static CommandResult readResult(String body) {
        return read(body, CommandResult.class, "command result");
    }

    public static SlurmSnapshot readSnapshot(String body) {
        return read(body, SlurmSnapshot.class, "slurm snapshot");
    }

    static <T> T read(String body, Class<T> type, String what) {
        if (body == null || body.isBlank()) {
            throw new MessageFormatException("empty body where a " + what + " was expected");
        }
        try {
            return Json.mapper().readValue(body, type);
        } catch (InvalidTypeIdException e) {
            throw new MessageFormatException("unknown command type '" + e.getTypeId() + "' in " + what + " at "
                    + pathOf(e), e);
        } catch (MismatchedInputException e) {
            // FAIL_ON_NULL_FOR_PRIMITIVES also fires for a missing number; say so instead of Jackson's config hint.
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Cannot map `null` into type")) {
                throw new MessageFormatException("field '" + pathOf(e) + "' of " + what + " is required, got null", e);
            }
            throw new MessageFormatException("bad value at '" + pathOf(e) + "' of " + what + ": "
                    + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            Throwable root = e;
            while (root.getCause() != null && root != root.getCause()) {
                root = root.getCause();
                if (root instanceof MessageFormatException mfe) {
                    throw new MessageFormatException(mfe.getMessage() + " (in " + what + ")", e);
                }
            }
            throw new MessageFormatException("not a valid " + what + ": " + e.getOriginalMessage(), e);
        }
    }

    private static String pathOf(MismatchedInputException e) {
        var sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "$" : sb.toString();
    }
}
