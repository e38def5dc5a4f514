package dev.spotburst.ec2emu.wire;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Minimal streaming writer for EC2 responses: lower-camel elements, lists as {@code <xxxSet><item>}, null values
 * omitted (the SDK treats a missing element as null).
 */
public final class Xml {

    public static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private final StringBuilder sb = new StringBuilder(512);
    private final Deque<String> open = new ArrayDeque<>();

    private Xml() {
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }

    /** {@code <ActionResponse xmlns=…><requestId>…</requestId>}. */
    public static Xml response(String action, String requestId) {
        Xml x = new Xml();
        x.sb.append('<').append(action).append("Response xmlns=\"").append(NS).append("\">");
        x.open.push(action + "Response");
        x.field("requestId", requestId);
        return x;
    }

    public static Xml error(String code, String message, String requestId) {
        Xml x = new Xml();
        x.start("Response").start("Errors").start("Error").field("Code", code).field("Message", message)
                .end().end().field("RequestID", requestId).end();
        return x;
    }

    public Xml start(String name) {
        sb.append('<').append(name).append('>');
        open.push(name);
        return this;
    }

    public Xml end() {
        sb.append("</").append(open.pop()).append('>');
        return this;
    }

    public Xml item() {
        return start("item");
    }

    public Xml field(String name, Object value) {
        if (value == null) {
            return this;
        }
        String text = value instanceof Instant i ? i.truncatedTo(ChronoUnit.MILLIS).toString() : String.valueOf(value);
        sb.append('<').append(name).append('>');
        escape(text);
        sb.append("</").append(name).append('>');
        return this;
    }

    /** A list of scalars: {@code <name><item>v</item>…</name>}. */
    public Xml strings(String name, Iterable<String> values) {
        start(name);
        for (String v : values) {
            field("item", v);
        }
        return end();
    }

    public String finish() {
        while (!open.isEmpty()) {
            end();
        }
        return sb.toString();
    }

    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                        sb.append("&#").append((int) c).append(';');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }
}
