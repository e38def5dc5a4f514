package dev.spotburst.hostlist;

import java.util.ArrayList;
import java.util.List;

/**
 * Slurm's {@code struct hostlist}: an ordered list of {@link HostRange}s, built by pushing hostnames, optionally
 * sorted and de-duplicated ({@code hostlist_uniq}), and printed as {@code hostlist_ranged_string} does.
 */
final class RangeList {

    private List<HostRange> ranges = new ArrayList<>();

    /** {@code hostlist_push_host}: extends the last range when the name continues it. */
    void push(String hostname) {
        HostRange hr = HostRange.ofHostname(hostname);
        if (!ranges.isEmpty()) {
            HostRange tail = ranges.getLast();
            // Same evaluation order as Slurm: the width check (which may adjust widths) runs last.
            if (tail.hi == hr.lo - 1 && HostRange.prefixCompare(tail, hr) == 0 && HostRange.widthCombine(tail, hr)) {
                tail.hi = hr.hi;
                return;
            }
        }
        ranges.add(hr);
    }

    /** {@code hostlist_uniq}: sort with glibc's merge sort (comparisons can adjust widths), then join neighbours. */
    void uniq() {
        if (ranges.size() <= 1) {
            return;
        }
        HostRange[] a = ranges.toArray(new HostRange[0]);
        mergeSort(a, 0, a.length, new HostRange[a.length]);
        ranges = new ArrayList<>(List.of(a));
        int i = 1;
        while (i < ranges.size()) {
            if (HostRange.join(ranges.get(i - 1), ranges.get(i)) >= 0) {
                ranges.remove(i);
            } else {
                i++;
            }
        }
    }

    /**
     * glibc 2.36 {@code qsort} on an array of pointers is this top-down merge sort ({@code msort_with_tmp}).
     * The comparison sequence matters because comparing can change a range's width.
     */
    private static void mergeSort(HostRange[] b, int from, int n, HostRange[] tmp) {
        if (n <= 1) {
            return;
        }
        int n1 = n / 2;
        int n2 = n - n1;
        mergeSort(b, from, n1, tmp);
        mergeSort(b, from + n1, n2, tmp);
        int i1 = from;
        int i2 = from + n1;
        int t = 0;
        while (n1 > 0 && n2 > 0) {
            if (HostRange.compare(b[i1], b[i2]) <= 0) {
                tmp[t++] = b[i1++];
                n1--;
            } else {
                tmp[t++] = b[i2++];
                n2--;
            }
        }
        while (n1-- > 0) {
            tmp[t++] = b[i1++];
        }
        System.arraycopy(tmp, 0, b, from, t);
    }

    /** {@code hostlist_ranged_string}: consecutive numeric ranges with one prefix share a bracket. */
    String rangedString() {
        var out = new StringBuilder();
        int i = 0;
        int n = ranges.size();
        while (i < n) {
            if (i > 0) {
                out.append(',');
            }
            HostRange first = ranges.get(i);
            HostRange next = i + 1 < n ? ranges.get(i + 1) : null;
            boolean bracket = first.count() > 1 || (next != null && HostRange.withinRange(first, next));
            out.append(first.prefix);
            if (bracket) {
                out.append('[');
            }
            int start = i;
            do {
                if (i > start) {
                    out.append(',');
                }
                HostRange hr = ranges.get(i);
                if (!hr.single) {
                    out.append(hr.numbers());
                }
            } while (++i < n && HostRange.withinRange(ranges.get(i), ranges.get(i - 1)));
            if (bracket) {
                out.append(']');
            }
        }
        return out.toString();
    }
}
