package dev.spotburst.messages;

import java.util.List;

/** Field checks for message records: each failure names the field and quotes the value. */
final class Require {
    private Require() {
    }

    static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new MessageFormatException("field '" + field + "' is required, got " + quote(value));
        }
        return value;
    }

    static int schema(String message, int version, int supported) {
        if (version != supported) {
            throw new MessageFormatException("field 'schemaVersion' of a " + message + " must be " + supported
                    + ", got " + version);
        }
        return version;
    }

    /** Slurm job ids start at 1; 0 is what Jackson leaves in a primitive when the field is missing. */
    static long jobId(String field, long value) {
        if (value < 1) {
            throw new MessageFormatException("field '" + field + "' must be a Slurm job id >= 1, got " + value);
        }
        return value;
    }

    static <T> T present(String field, T value) {
        if (value == null) {
            throw new MessageFormatException("field '" + field + "' is required, got null");
        }
        return value;
    }

    static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    static String quote(String value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
