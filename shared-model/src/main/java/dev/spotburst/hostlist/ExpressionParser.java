package dev.spotburst.hostlist;

import java.util.ArrayList;
import java.util.List;

/**
 * Expands a hostlist expression the way Slurm 22.05's {@code hostlist_create} does for every input Slurm
 * accepts, and rejects with a position everything Slurm rejects, plus a few inputs Slurm quietly mangles
 * (unclosed or stray brackets, nested brackets, {@code [1-]}).
 *
 * <p>Grammar: tokens separated by {@code ,}, space or tab (commas inside brackets do not separate). A token is
 * {@code literal ( '[' ranges ']' literal )*} where the last bracket, if any, must end the token; ranges are
 * {@code n} or {@code lo-hi} (decimal, {@code lo <= hi}), comma separated; zero padding follows the width of
 * {@code lo}. Several brackets give a cartesian product in Slurm's order: the last bracket varies fastest, the
 * one before it slowest, then the others from right to left.
 */
final class ExpressionParser {

    /** Slurm's MAX_RANGE: one {@code lo-hi} may span at most this many numbers. */
    static final long MAX_RANGE = 64 * 1024;

    private final String text;
    private final long maxHosts;
    private final List<String> out = new ArrayList<>();

    private ExpressionParser(String text, long maxHosts) {
        this.text = text;
        this.maxHosts = maxHosts;
    }

    static List<String> expand(String expression, long maxHosts) {
        var parser = new ExpressionParser(expression, maxHosts);
        parser.parse();
        return parser.out;
    }

    private record Range(long lo, long hi, int width) {
    }

    /** One bracket group with the literal text that follows it. */
    private record Group(List<Range> ranges, String after, long count) {
    }

    private void parse() {
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (isSeparator(text.charAt(i))) {
                i++;
                continue;
            }
            i = token(i);
        }
    }

    private static boolean isSeparator(char c) {
        return c == ',' || c == ' ' || c == '\t';
    }

    /** Parses one token starting at {@code start}; returns the index after it. */
    private int token(int start) {
        int i = start;
        int n = text.length();
        var literal = new StringBuilder();
        String head = null;
        List<Group> groups = new ArrayList<>();
        int lastClose = -1;
        while (i < n && !isSeparator(text.charAt(i))) {
            char c = text.charAt(i);
            if (c == ']') {
                throw error(i, "']' without a matching '['");
            }
            if (c != '[') {
                literal.append(c);
                i++;
                continue;
            }
            int close = closingBracket(i);
            List<Range> ranges = ranges(i + 1, close);
            if (head == null) {
                head = literal.toString();
            } else {
                groups.set(groups.size() - 1, withAfter(groups.getLast(), literal.toString()));
            }
            literal.setLength(0);
            groups.add(new Group(ranges, "", count(ranges)));
            lastClose = close;
            i = close + 1;
        }
        if (head == null) {
            emitCheck(start, 1);
            out.add(literal.toString());
            return i;
        }
        if (!literal.isEmpty()) {
            throw error(lastClose + 1, "text after the last ']' of a name (Slurm only allows it between brackets)");
        }
        long total = 1;
        for (Group g : groups) {
            total = Math.multiplyExact(total, g.count());
            if (total > maxHosts) {
                throw tooMany(start);
            }
        }
        emitCheck(start, total);
        Group last = groups.getLast();
        List<Group> prefixGroups = groups.subList(0, groups.size() - 1);
        for (String prefix : prefixes(head, prefixGroups)) {
            for (Range r : last.ranges()) {
                for (long v = r.lo(); v <= r.hi(); v++) {
                    out.add(prefix + HostRange.pad(v, r.width()));
                }
            }
        }
        return i;
    }

    /**
     * All prefixes before the last bracket, in Slurm's order ({@code _push_range_list} recurses on the
     * rightmost bracket of the prefix first, so that bracket becomes the outermost loop).
     */
    private static List<String> prefixes(String head, List<Group> groups) {
        if (groups.isEmpty()) {
            return List.of(head);
        }
        Group rightmost = groups.getLast();
        List<Group> rest = groups.subList(0, groups.size() - 1);
        List<String> result = new ArrayList<>();
        for (Range r : rightmost.ranges()) {
            for (long v = r.lo(); v <= r.hi(); v++) {
                String suffix = HostRange.pad(v, r.width()) + rightmost.after();
                for (String p : prefixes(head, rest)) {
                    result.add(p + suffix);
                }
            }
        }
        return result;
    }

    private static Group withAfter(Group g, String after) {
        return new Group(g.ranges(), after, g.count());
    }

    private int closingBracket(int open) {
        for (int j = open + 1; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == ']') {
                return j;
            }
            if (c == '[') {
                throw error(j, "'[' inside brackets (opened at position " + open + ")");
            }
        }
        throw error(text.length(), "unclosed '[' (opened at position " + open + ")");
    }

    /** Parses {@code 1,3-5,07} between brackets at [from, to). */
    private List<Range> ranges(int from, int to) {
        if (from == to) {
            throw error(from, "empty brackets");
        }
        List<Range> ranges = new ArrayList<>();
        int i = from;
        while (true) {
            int end = i;
            while (end < to && text.charAt(end) != ',') {
                end++;
            }
            ranges.add(range(i, end));
            if (end == to) {
                return ranges;
            }
            i = end + 1;
        }
    }

    private Range range(int from, int to) {
        int loEnd = digitsEnd(from, to);
        if (loEnd == from) {
            throw error(from, from == to ? "empty range" : "expected a number, got '" + text.charAt(from) + "'");
        }
        long lo = number(from, loEnd);
        int width = loEnd - from;
        if (loEnd == to) {
            return new Range(lo, lo, width);
        }
        if (text.charAt(loEnd) != '-') {
            throw error(loEnd, "expected '-', ',' or ']', got '" + text.charAt(loEnd) + "' (Slurm has no stepped ranges)");
        }
        int hiEnd = digitsEnd(loEnd + 1, to);
        if (hiEnd == loEnd + 1) {
            throw error(loEnd + 1, "missing upper bound of range");
        }
        if (hiEnd != to) {
            throw error(hiEnd, "expected ',' or ']', got '" + text.charAt(hiEnd) + "'");
        }
        long hi = number(loEnd + 1, hiEnd);
        if (lo > hi) {
            throw error(from, "range " + text.substring(from, to) + " goes downwards");
        }
        if (hi - lo + 1 > MAX_RANGE) {
            throw error(from, "range " + text.substring(from, to) + " has more than " + MAX_RANGE
                    + " numbers (Slurm's limit per range)");
        }
        return new Range(lo, hi, width);
    }

    private int digitsEnd(int from, int to) {
        int i = from;
        while (i < to && NaturalOrder.isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private long number(int from, int to) {
        if (to - from > HostRange.MAX_DIGITS) {
            throw error(from, "number " + text.substring(from, to) + " is too large");
        }
        return Long.parseLong(text, from, to, 10);
    }

    private long count(List<Range> ranges) {
        long c = 0;
        for (Range r : ranges) {
            c += r.hi() - r.lo() + 1;
        }
        return c;
    }

    private void emitCheck(int position, long more) {
        if (out.size() + more > maxHosts) {
            throw tooMany(position);
        }
    }

    private HostlistSyntaxException tooMany(int position) {
        return error(position, "expands to more than " + maxHosts + " hostnames");
    }

    private HostlistSyntaxException error(int position, String problem) {
        return new HostlistSyntaxException(text, position, problem);
    }
}
