package dev.spotburst.hostlist;

/**
 * Port of the {@code strnatcmp} that Slurm uses to order hostname prefixes (Martin Pool's natural-order
 * comparison): digit runs compare by value, except runs starting with '0', which compare left-aligned.
 * Characters are compared as Java chars, which equals Slurm's byte order for ASCII names.
 */
final class NaturalOrder {

    private NaturalOrder() {
    }

    static int compare(String a, String b) {
        int ai = 0;
        int bi = 0;
        while (true) {
            char ca = at(a, ai);
            char cb = at(b, bi);
            while (isSpace(ca)) {
                ca = at(a, ++ai);
            }
            while (isSpace(cb)) {
                cb = at(b, ++bi);
            }
            if (isDigit(ca) && isDigit(cb)) {
                boolean fractional = ca == '0' || cb == '0';
                int result = fractional ? compareLeft(a, ai, b, bi) : compareRight(a, ai, b, bi);
                if (result != 0) {
                    return result;
                }
            }
            if (ca == 0 && cb == 0) {
                return 0;
            }
            if (ca != cb) {
                return ca < cb ? -1 : 1;
            }
            ai++;
            bi++;
        }
    }

    /** Longest digit run wins; for equal lengths the first differing digit decides. */
    private static int compareRight(String a, int ai, String b, int bi) {
        int bias = 0;
        for (;; ai++, bi++) {
            char ca = at(a, ai);
            char cb = at(b, bi);
            if (!isDigit(ca) && !isDigit(cb)) {
                return bias;
            } else if (!isDigit(ca)) {
                return -1;
            } else if (!isDigit(cb)) {
                return 1;
            } else if (ca < cb) {
                if (bias == 0) {
                    bias = -1;
                }
            } else if (ca > cb) {
                if (bias == 0) {
                    bias = 1;
                }
            }
        }
    }

    /** Left-aligned (fractional) comparison: the first differing digit decides. */
    private static int compareLeft(String a, int ai, String b, int bi) {
        for (;; ai++, bi++) {
            char ca = at(a, ai);
            char cb = at(b, bi);
            if (!isDigit(ca) && !isDigit(cb)) {
                return 0;
            } else if (!isDigit(ca)) {
                return -1;
            } else if (!isDigit(cb)) {
                return 1;
            } else if (ca != cb) {
                return ca < cb ? -1 : 1;
            }
        }
    }

    /** C-string view: NUL past the end. */
    private static char at(String s, int i) {
        return i < s.length() ? s.charAt(i) : 0;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }
}
