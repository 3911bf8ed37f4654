package io.coaps4j.coap.linkformat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The query filtering of {@code /.well-known/core} (RFC 6690 section 4.1): {@code ?rt=temp}
 * keeps links whose "rt" equals "temp", {@code ?rt=temp*} those whose "rt" starts with "temp",
 * {@code ?obs=*} those that have "obs" at all, {@code ?href=/sensors*} those whose target starts
 * with "/sensors". Values of rel, rev, rt, if and ct are space-separated lists whose items are
 * matched one by one. Comparison is bitwise, on attribute values with quoting removed.
 *
 * <p>Filters take Uri-Query option values, which CoAP has already percent-decoded. Several
 * arguments must all match. An argument without "=" ({@code ?obs}) asks only that the
 * attribute exists. Immutable.
 */
public final class LinkFilter {
    private static final LinkFilter ALL = new LinkFilter(List.of());

    private final List<Term> terms;

    private LinkFilter(List<Term> terms) {
        this.terms = terms;
    }

    /** A filter from one query argument, such as "rt=temperature-c" or "href=/sensors*". */
    public static LinkFilter parse(String queryArgument) {
        return of(List.of(queryArgument));
    }

    /** A filter that all {@code queryArguments} must match; no arguments match every link. */
    public static LinkFilter of(List<String> queryArguments) {
        if (queryArguments.isEmpty()) {
            return ALL;
        }
        List<Term> terms = new ArrayList<>(queryArguments.size());
        for (String argument : queryArguments) {
            Objects.requireNonNull(argument, "query argument");
            int equals = argument.indexOf('=');
            String name = equals < 0 ? argument : argument.substring(0, equals);
            String value = equals < 0 ? "" : argument.substring(equals + 1);
            boolean prefix = equals < 0 || value.endsWith("*");
            terms.add(new Term(name, prefix ? value.substring(0, Math.max(0, value.length() - 1)) : value, prefix));
        }
        return new LinkFilter(List.copyOf(terms));
    }

    /** A filter that keeps every link. */
    public static LinkFilter all() {
        return ALL;
    }

    /** True when this filter keeps every link. */
    public boolean isAll() {
        return terms.isEmpty();
    }

    /** True when {@code link} matches every term. */
    public boolean matches(Link link) {
        for (Term term : terms) {
            if (!term.matches(link)) {
                return false;
            }
        }
        return true;
    }

    /** The links that match, in their order. */
    public List<Link> filter(List<Link> links) {
        if (terms.isEmpty()) {
            return links;
        }
        List<Link> kept = new ArrayList<>(links.size());
        for (Link link : links) {
            if (matches(link)) {
                kept.add(link);
            }
        }
        return kept;
    }

    @Override
    public String toString() {
        return terms.toString();
    }

    /** One name/value pair: a Complete Value String or a Prefix Value String. */
    private static final class Term {
        private final String name;
        private final String value;
        private final boolean prefix;

        Term(String name, String value, boolean prefix) {
            this.name = name;
            this.value = value;
            this.prefix = prefix;
        }

        boolean matches(Link link) {
            if (name.equals("href")) {
                return matchesValue(link.target());
            }
            boolean multiValued = Link.MULTI_VALUED.contains(name.toLowerCase(java.util.Locale.ROOT));
            for (LinkAttribute attribute : link.attributes()) {
                if (!attribute.name().equalsIgnoreCase(name)) {
                    continue;
                }
                if (!attribute.hasValue()) {
                    if (value.isEmpty()) {
                        return true; // "?obs=*", "?obs" or "?obs=" on a flag that exists
                    }
                    continue;
                }
                if (multiValued) {
                    List<String> items = new ArrayList<>(2);
                    Link.splitSpaces(attribute.value(), items);
                    if (items.isEmpty() && matchesValue("")) {
                        return true; // rt="" exists, so an empty prefix matches it
                    }
                    for (String item : items) {
                        if (matchesValue(item)) {
                            return true;
                        }
                    }
                } else if (matchesValue(attribute.value())) {
                    return true;
                }
            }
            return false;
        }

        private boolean matchesValue(String candidate) {
            return prefix ? candidate.startsWith(value) : candidate.equals(value);
        }

        @Override
        public String toString() {
            return name + "=" + value + (prefix ? "*" : "");
        }
    }
}
