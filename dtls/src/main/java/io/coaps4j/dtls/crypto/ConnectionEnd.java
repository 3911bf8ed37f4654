package io.coaps4j.dtls.crypto;

/** Which side of a connection this endpoint is (RFC 5246 section 6.1, "connection end"). */
public enum ConnectionEnd {
    CLIENT, SERVER;

    public ConnectionEnd peer() {
        return this == CLIENT ? SERVER : CLIENT;
    }
}
