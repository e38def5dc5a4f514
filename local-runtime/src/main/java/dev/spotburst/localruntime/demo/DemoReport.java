package dev.spotburst.localruntime.demo;

import dev.spotburst.messages.MessageCodec;

/** What every scenario's summary offers {@code spotburst demo}: a verdict, one JSON document, closing text lines. */
public interface DemoReport {
    boolean ok();

    /** The summary as one JSON document, written by the project's one Jackson configuration. */
    default String toJson() {
        return MessageCodec.write(this);
    }

    String text();
}
