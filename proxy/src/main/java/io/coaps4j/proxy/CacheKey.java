package io.coaps4j.proxy;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.uri.CoapUri;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Cache-Key of a request (RFC 7252 section 5.6): method, target URI in normal form (section 6.3),
 * every cache-key option ({@link ProxyOptions#inCacheKey}) in order, and for FETCH the body (RFC 8132
 * section 2). Kept as one byte string, compared by content. Immutable.
 */
final class CacheKey {
    private final byte[] bytes;
    private final String uri;
    private final int hash;

    private CacheKey(byte[] bytes, String uri) {
        this.bytes = bytes;
        this.uri = uri;
        this.hash = Arrays.hashCode(bytes);
    }

    /** Whether responses to {@code method} may be stored (section 5.9: GET; RFC 8132: FETCH). */
    static boolean cacheableMethod(Code method) {
        return method.equals(Code.GET) || method.equals(Code.FETCH);
    }

    /** The key of {@code request} for {@code target}; {@code request}'s method must be cacheable. */
    static CacheKey of(Message request, CoapUri target) {
        String uri = target.toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + request.payloadLength());
        out.write(request.code().value());
        byte[] uriBytes = uri.getBytes(StandardCharsets.UTF_8);
        writeLength(out, uriBytes.length);
        out.writeBytes(uriBytes);
        for (Option option : request.options()) {
            if (ProxyOptions.inCacheKey(option.number())) {
                writeLength(out, option.number());
                byte[] value = option.value();
                writeLength(out, value.length);
                out.writeBytes(value);
            }
        }
        if (request.code().equals(Code.FETCH)) {
            out.writeBytes(request.payload());
        }
        return new CacheKey(out.toByteArray(), uri);
    }

    private static void writeLength(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    /** The target URI in normal form, to drop every entry of a resource a request changed. */
    String uri() {
        return uri;
    }

    /** Bytes the key takes, counted in the cache's byte bound. */
    int size() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CacheKey other && hash == other.hash && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "CacheKey[" + uri + "]";
    }
}
