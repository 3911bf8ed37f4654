/**
 * UDP I/O for coaps4j: the only package with sockets, threads and clocks.
 *
 * <p>Design decisions:
 * <ul>
 *   <li><b>Generic datagrams.</b> The transport knows nothing of CoAP or DTLS. A {@link
 *       io.coaps4j.transport.UdpChannel} hands each datagram (sender, bytes) to a {@link
 *       io.coaps4j.transport.DatagramReceiver}; the plain CoAP connector decodes it directly, a DTLS
 *       binding runs it through its sans-IO record layer first. Both share this event loop.</li>
 *   <li><b>One thread per {@link io.coaps4j.transport.EventLoop}.</b> Every channel, task and
 *       deadline of a loop runs on its thread, so the engines it drives need no locks. Other threads
 *       talk to it with {@link io.coaps4j.transport.EventLoop#execute}; the selector is woken only
 *       when a task arrives while it may be waiting.</li>
 *   <li><b>Deadline-driven selector.</b> Sans-IO engines register as {@link
 *       io.coaps4j.transport.DeadlineHandler}s: before waiting the loop asks each for its next
 *       deadline and waits no longer than the earliest; engines keep their own timer structures, so
 *       a retransmission or an expiry costs the loop no allocation. One-off tasks use
 *       {@link io.coaps4j.transport.EventLoop#schedule}.</li>
 *   <li><b>Lean receive path.</b> One heap receive buffer per loop is reused for every datagram;
 *       a readable channel is drained in batches of 64 before tasks and timers run again.</li>
 *   <li><b>Clean shutdown.</b> Closing a channel or a loop returns once the sockets are closed and
 *       their ports free, and the loop thread has ended.</li>
 * </ul>
 */
package io.coaps4j.transport;
