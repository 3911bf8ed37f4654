package io.coaps4j.coap.onem2m;

import java.util.Objects;

/**
 * One parameter a primitive carries in the Uri-Query in its TS-0004 short name (TS-0008 clause 6.2.2.3):
 * filter and discovery criteria ("fu=1", "ty=4", "lbl=x", "lim=10"), Result Content ("rcn"), Desired
 * Identifier Result Type ("drt"), Result Persistence ("rp"), Delivery Aggregation ("da"), tokens and
 * the like. The Operation ("op") and the responseTypeValue ("rt") have fields of their own.
 *
 * @param name  the short name, e.g. "rcn"
 * @param value the value as text, e.g. "1"
 */
public record QueryParameter(String name, String value) {
    /** @throws IllegalArgumentException when the name is empty or holds {@code =} or {@code &}, or is "op" or "rt" */
    public QueryParameter {
        Objects.requireNonNull(name, "query parameter name");
        Objects.requireNonNull(value, () -> "value of query parameter " + name);
        if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('&') >= 0) {
            throw new IllegalArgumentException("query parameter name must be a non-empty short name without '=' or"
                    + " '&', was '" + name + "'");
        }
        if (name.equals("op") || name.equals("rt")) {
            throw new IllegalArgumentException("'" + name + "' is set as the primitive's "
                    + (name.equals("op") ? "operation" : "response type") + ", not as a query parameter");
        }
    }

    /** "name=value", one Uri-Query option. */
    @Override
    public String toString() {
        return name + "=" + value;
    }
}
