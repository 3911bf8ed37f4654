package io.coaps4j.bench.run;

import java.io.IOException;
import java.net.InetSocketAddress;

/** Checks, before any load, that a freshly started server answers GET /hello with the common payload. */
@FunctionalInterface
interface HelloProbe {
    /** Returns once {@code server} answered 2.05 with the /hello text; fails naming {@code name} otherwise. */
    void requireHello(String name, InetSocketAddress server) throws IOException;
}
