package io.coaps4j.dtls.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The running SHA-256 over the handshake messages (RFC 5246 section 7.4.9, RFC 6347 section 4.2.6), used
 * for the Finished messages and the extended master secret's session hash (RFC 7627 section 3).
 * {@link #current()} reads the hash so far without ending it, so one transcript serves both Finished
 * messages. Not thread-safe; dropped with the handshake.
 */
public final class HandshakeHash {
    private static final String ALGORITHM = "SHA-256";

    private final MessageDigest digest;

    private HandshakeHash(MessageDigest digest) {
        this.digest = digest;
    }

    /** An empty SHA-256 transcript. */
    public static HandshakeHash sha256() {
        try {
            return new HandshakeHash(MessageDigest.getInstance(ALGORITHM));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the Java platform must provide " + ALGORITHM, e);
        }
    }

    /** Adds {@code length} bytes of {@code message} at {@code offset} to the transcript. */
    public void update(byte[] message, int offset, int length) {
        digest.update(message, offset, length);
    }

    public void update(byte[] message) {
        digest.update(message);
    }

    /** The hash of {@code message} alone when this hash is empty, e.g. a key's SubjectPublicKeyInfo (RFC 6920). */
    public byte[] hashOnce(byte[] message) {
        return hashOnce(message, 0, message.length);
    }

    /** The hash of everything added so far followed by the given bytes; this hash is empty afterwards. */
    byte[] hashOnce(byte[] message, int offset, int length) {
        digest.update(message, offset, length);
        return digest.digest();
    }

    /** The hash of everything added so far; the transcript goes on. */
    public byte[] current() {
        return cloneDigest().digest();
    }

    /** An independent transcript with the same content, e.g. to branch before a message is added. */
    public HandshakeHash copy() {
        return new HandshakeHash(cloneDigest());
    }

    private MessageDigest cloneDigest() {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the " + ALGORITHM + " provider " + digest.getProvider().getName()
                    + " cannot clone a running digest", e);
        }
    }
}
