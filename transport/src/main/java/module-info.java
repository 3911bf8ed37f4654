/**
 * UDP I/O for coaps4j: the event loop, its datagram channels and timers. The only module that owns
 * sockets, threads and clocks.
 */
module io.coaps4j.transport {
    requires org.slf4j;

    exports io.coaps4j.transport;
}
