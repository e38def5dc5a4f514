package dev.spotburst.localruntime.demo;

/** What every scenario's summary offers {@code spotburst demo}: a verdict, one JSON document, closing text lines. */
public interface DemoReport {
    boolean ok();

    String toJson();

    String text();
}
