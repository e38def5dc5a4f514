package dev.spotburst.hostlist;

/**
 * A hostlist expression that cannot be expanded. The message quotes the expression and names the 0-based
 * position of the problem; {@link #pointer()} gives a two-line caret display for humans (CLI output).
 */
public class HostlistSyntaxException extends IllegalArgumentException {

    private final String expression;
    private final int position;

    public HostlistSyntaxException(String expression, int position, String problem) {
        super("bad hostlist '" + expression + "' at position " + position + ": " + problem);
        this.expression = expression;
        this.position = position;
    }

    /** The whole expression as given. */
    public String expression() {
        return expression;
    }

    /** 0-based index into {@link #expression()}; equal to its length when the problem is the end of input. */
    public int position() {
        return position;
    }

    /** The expression, then a caret under the offending position. */
    public String pointer() {
        return expression + "\n" + " ".repeat(position) + "^";
    }
}
