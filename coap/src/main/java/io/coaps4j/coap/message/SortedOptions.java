package io.coaps4j.coap.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Searches and edits over a {@link Message}'s option list, which is kept sorted by number with repeated
 * options in their order (RFC 7252 section 3.1): the order lets a search stop early and an edit place an
 * option without sorting again. Kept apart so that {@code Message} reads as the value it is. Every list
 * this returns is unmodifiable.
 */
final class SortedOptions {
    private SortedOptions() {
    }

    /** {@code options} checked for nulls, copied and sorted (stable for repeated options). */
    static List<Option> sortedCopy(List<Option> options) {
        if (options.isEmpty()) {
            return List.of();
        }
        ArrayList<Option> copy = new ArrayList<>(options);
        for (int i = 0; i < copy.size(); i++) {
            Objects.requireNonNull(copy.get(i), "options contains null");
        }
        Collections.sort(copy);
        return Collections.unmodifiableList(copy);
    }

    /** Where the first option with this number is, or -1; the list is sorted, so the scan stops early. */
    static int firstIndexOf(List<Option> options, int number) {
        for (int i = 0, n = options.size(); i < n; i++) {
            int found = options.get(i).number();
            if (found >= number) {
                return found == number ? i : -1;
            }
        }
        return -1;
    }

    /** Every instance of a (repeatable) option, in order; a new, modifiable list. */
    static List<Option> all(List<Option> options, int number) {
        List<Option> found = new ArrayList<>(2);
        for (int i = firstIndexOf(options, number), n = options.size();
                i >= 0 && i < n && options.get(i).number() == number; i++) {
            found.add(options.get(i));
        }
        return found;
    }

    /**
     * The string values of an option. Unmodifiable, and without a list copy for none or one value (the common
     * /hello request): callers' {@code List.copyOf} then returns it as is, which saves two allocations per
     * request on the hot path.
     */
    static List<String> strings(List<Option> options, int number) {
        int first = firstIndexOf(options, number);
        int n = options.size();
        if (first < 0 || first >= n || options.get(first).number() != number) {
            return List.of();
        }
        if (first + 1 >= n || options.get(first + 1).number() != number) {
            return List.of(options.get(first).stringValue());
        }
        List<String> values = new ArrayList<>(4);
        for (int i = first; i < n && options.get(i).number() == number; i++) {
            values.add(options.get(i).stringValue());
        }
        return List.copyOf(values);
    }

    /** {@code options} with {@code option} in place of every option of its number, placed in order. */
    static List<Option> replacing(List<Option> options, Option option) {
        int number = option.number();
        int n = options.size();
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (options.get(i).number() != number) {
                kept++;
            }
        }
        Option[] sorted = new Option[kept + 1];
        int j = 0;
        boolean placed = false;
        for (int i = 0; i < n; i++) {
            Option existing = options.get(i);
            if (existing.number() == number) {
                continue;
            }
            if (!placed && existing.number() > number) {
                sorted[j++] = option;
                placed = true;
            }
            sorted[j++] = existing;
        }
        if (!placed) {
            sorted[j] = option;
        }
        return Collections.unmodifiableList(Arrays.asList(sorted));
    }

    /** {@code options} without the run of options numbered {@code number} that starts at {@code first}. */
    static List<Option> without(List<Option> options, int number, int first) {
        int n = options.size();
        int end = first;
        while (end < n && options.get(end).number() == number) {
            end++;
        }
        Option[] kept = new Option[n - (end - first)];
        for (int i = 0, j = 0; i < n; i++) {
            if (i < first || i >= end) {
                kept[j++] = options.get(i);
            }
        }
        return kept.length == 0 ? List.of() : Collections.unmodifiableList(Arrays.asList(kept));
    }
}
