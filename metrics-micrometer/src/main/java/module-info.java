/**
 * Optional: a coaps connector's counters as Micrometer meters ({@code CoapsMeterBinder}). The core modules do not
 * depend on Micrometer; this one does.
 */
module io.coaps4j.metrics.micrometer {
    requires transitive io.coaps4j.coaps;
    requires transitive micrometer.core;

    exports io.coaps4j.metrics.micrometer;
}
