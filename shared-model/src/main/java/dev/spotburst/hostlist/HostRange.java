package dev.spotburst.hostlist;

/**
 * One run of hosts {@code prefix + lo..hi}, zero-padded to {@code width}, or a single host without a numeric
 * suffix. Mirrors Slurm's {@code hostrange_t} closely on purpose, including that width comparisons may adjust
 * {@code width} in place: that is what lets Slurm print {@code a9,a10} as {@code a[9-10]} but {@code a1,a01}
 * as {@code a[1,01]}, and reproducing the same steps is how {@link Hostlist#compress} matches scontrol.
 */
final class HostRange {

    /** Longest numeric suffix read as a number; longer digit runs stay part of a single host name. */
    static final int MAX_DIGITS = 18;

    final String prefix;
    final boolean single;
    long lo;
    long hi;
    int width;

    private HostRange(String prefix, boolean single, long lo, long hi, int width) {
        this.prefix = prefix;
        this.single = single;
        this.lo = lo;
        this.hi = hi;
        this.width = width;
    }

    /** Splits a hostname at its trailing digits, as Slurm's {@code hostname_create} does. */
    static HostRange ofHostname(String name) {
        int end = name.length();
        int start = end;
        while (start > 0 && NaturalOrder.isDigit(name.charAt(start - 1))) {
            start--;
        }
        int digits = end - start;
        if (digits == 0 || digits > MAX_DIGITS) {
            return new HostRange(name, true, 0, 0, 0);
        }
        long num = Long.parseLong(name, start, end, 10);
        return new HostRange(name.substring(0, start), false, num, num, digits);
    }

    HostRange copy() {
        return new HostRange(prefix, single, lo, hi, width);
    }

    long count() {
        return single ? 1 : hi - lo + 1;
    }

    /** Slurm's {@code hostrange_prefix_cmp}: natural order of prefixes; a suffix-less host sorts first. */
    static int prefixCompare(HostRange h1, HostRange h2) {
        if (h1 == null) {
            return 1;
        }
        if (h2 == null) {
            return -1;
        }
        int r = NaturalOrder.compare(h1.prefix, h2.prefix);
        return r == 0 ? (h2.single ? 1 : 0) - (h1.single ? 1 : 0) : r;
    }

    /** Slurm's {@code hostrange_cmp}, the sort order of {@code hostlist_uniq}. May adjust widths. */
    static int compare(HostRange h1, HostRange h2) {
        int r = prefixCompare(h1, h2);
        if (r == 0) {
            // C subtracts two unsigned longs and keeps the low 32 bits; (int) of the long difference does the same.
            r = widthCombine(h1, h2) ? (int) (h1.lo - h2.lo) : h1.width - h2.width;
        }
        return r;
    }

    /** True if both are numeric ranges with the same prefix (they share one bracket when printed). */
    static boolean withinRange(HostRange h1, HostRange h2) {
        return prefixCompare(h1, h2) == 0 && !h1.single && !h2.single;
    }

    /**
     * Slurm's {@code _width_equiv}: widths are compatible if one width can be applied to both numbers without
     * changing either one's zero padding; the adjustable width is then overwritten (only ever on a number whose
     * rendering does not change, so output stays the same).
     */
    static boolean widthCombine(HostRange h0, HostRange h1) {
        if (h0.width == h1.width) {
            return true;
        }
        int npad = zeroPadding(h0.lo, h0.width);
        int nmpad = zeroPadding(h0.lo, h1.width);
        int mpad = zeroPadding(h1.lo, h1.width);
        int mnpad = zeroPadding(h1.lo, h0.width);
        if (npad != nmpad && mpad != mnpad) {
            return false;
        } else if (npad != nmpad) {
            h1.width = h0.width;
        } else {
            h0.width = h1.width;
        }
        return true;
    }

    /**
     * Slurm's {@code hostrange_join} for {@code h1 <= h2}: merges h2 into h1 if they touch or overlap.
     * Returns -1 if not joined, else the number of duplicate hosts dropped.
     */
    static long join(HostRange h1, HostRange h2) {
        long duplicated = -1;
        if (prefixCompare(h1, h2) == 0 && widthCombine(h1, h2)) {
            if (h1.single && h2.single) {
                duplicated = 1;
            } else if (h1.hi == h2.lo - 1) {
                h1.hi = h2.hi;
                duplicated = 0;
            } else if (h1.hi >= h2.lo) {
                if (h1.hi < h2.hi) {
                    duplicated = h1.hi - h2.lo + 1;
                    h1.hi = h2.hi;
                } else {
                    duplicated = h2.count();
                }
            }
        }
        return duplicated;
    }

    static int zeroPadding(long num, int width) {
        int n = digits(num);
        return width > n ? width - n : 0;
    }

    static int digits(long num) {
        int n = 1;
        while ((num /= 10) != 0) {
            n++;
        }
        return n;
    }

    /** {@code %0*lu}. */
    static String pad(long num, int width) {
        String s = Long.toString(num);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    /** The numeric part as printed inside brackets: {@code 07} or {@code 07-12}. */
    String numbers() {
        return lo < hi ? pad(lo, width) + "-" + pad(hi, width) : pad(lo, width);
    }
}
