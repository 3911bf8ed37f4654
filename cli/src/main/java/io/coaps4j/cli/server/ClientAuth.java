package io.coaps4j.cli.server;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --client-auth}: whether the server asks a client of the RawPublicKey and Certificate modes for its
 * key (CertificateRequest, RFC 5246 section 7.4.4). RFC 7252 section 9.1.3.2 has both ends authenticate, so
 * {@link #NEED} is the default. The library's {@code io.coaps4j.dtls.config.ClientAuthentication} has the
 * same three values; {@link ServerSecurity} hands this one over.
 */
enum ClientAuth {
    /** No CertificateRequest: clients stay anonymous. */
    NONE,
    /** A CertificateRequest; a client that sends no key goes on unauthenticated. */
    WANT,
    /** A CertificateRequest; a client that sends no key is refused. */
    NEED;

    String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code none}, {@code want} or {@code need}. */
    static final class Converter implements ITypeConverter<ClientAuth> {
        @Override
        public ClientAuth convert(String value) {
            for (ClientAuth auth : values()) {
                if (auth.option().equalsIgnoreCase(value.trim())) {
                    return auth;
                }
            }
            throw new TypeConversionException("must be none, want or need, was '" + value + "'");
        }
    }
}
