package dev.spotburst.localcloud;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/** Where a rule of the {@link LocalEventBus} delivers matching events (the full envelope JSON). */
public sealed interface EventTarget {

    /** SendMessage with the event JSON as body. FIFO queues ({@code .fifo}) need a message group. */
    record SqsQueue(String queueUrl, String messageGroupId) implements EventTarget {
        public SqsQueue {
            Objects.requireNonNull(queueUrl, "queueUrl");
            if (queueUrl.endsWith(".fifo") && (messageGroupId == null || messageGroupId.isBlank())) {
                throw new IllegalArgumentException("FIFO queue target " + queueUrl + " needs a messageGroupId");
            }
        }

        public boolean fifo() {
            return queueUrl.endsWith(".fifo");
        }
    }

    /** An in-process handler; called on the publishing thread, so it must be thread-safe and quick. */
    record Handler(Consumer<String> consumer) implements EventTarget {
        public Handler {
            Objects.requireNonNull(consumer, "consumer");
        }
    }

    /** Appends one JSON line per event. */
    record JsonLinesFile(Path file) implements EventTarget {
        public JsonLinesFile {
            Objects.requireNonNull(file, "file");
        }
    }

    static EventTarget sqs(String queueUrl) {
        return new SqsQueue(queueUrl, null);
    }

    static EventTarget sqsFifo(String queueUrl, String messageGroupId) {
        return new SqsQueue(queueUrl, messageGroupId);
    }

    static EventTarget handler(Consumer<String> consumer) {
        return new Handler(consumer);
    }

    static EventTarget file(Path file) {
        return new JsonLinesFile(file);
    }
}
