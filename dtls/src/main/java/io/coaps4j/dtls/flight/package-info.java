/**
 * Flights and their retransmission (RFC 6347 section 4.2.4): the PREPARING/SENDING/WAITING/FINISHED
 * machine with its timer, and the writer that packs and fragments a flight into datagrams.
 */
package io.coaps4j.dtls.flight;
