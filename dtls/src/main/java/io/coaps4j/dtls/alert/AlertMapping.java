package io.coaps4j.dtls.alert;

/**
 * The one place where a failure becomes the alert sent to the peer (RFC 5246 section 7.2.2).
 *
 * <p>PSK authentication failures: RFC 4279 section 2 lets a server that wants to hide whether an
 * identity exists "continue the protocol as if the PSK identity existed but the key was incorrect:
 * that is, respond with a decrypt_error alert". This library always does so, so an unknown
 * identity and a wrong key both end with decrypt_error and the peer learns nothing about which.
 */
public final class AlertMapping {
    private AlertMapping() {
    }

    /** The fatal alert that reports {@code failure} to the peer. */
    public static Alert alertFor(DtlsException failure) {
        return Alert.fatal(descriptionFor(failure));
    }

    /** The alert description for {@code failure}. */
    public static AlertDescription descriptionFor(DtlsException failure) {
        if (failure instanceof DecodeException) {
            return AlertDescription.DECODE_ERROR;
        }
        if (failure instanceof PeerMisbehavedException misbehaved) {
            switch (misbehaved.kind()) {
                case UNEXPECTED_MESSAGE: return AlertDescription.UNEXPECTED_MESSAGE;
                case ILLEGAL_PARAMETER: return AlertDescription.ILLEGAL_PARAMETER;
                case UNSOLICITED_EXTENSION: return AlertDescription.UNSUPPORTED_EXTENSION;
                default: throw new AssertionError(misbehaved.kind());
            }
        }
        if (failure instanceof IncompatibleException incompatible) {
            switch (incompatible.kind()) {
                case PROTOCOL_VERSION: return AlertDescription.PROTOCOL_VERSION;
                // RFC 7627 section 5.2/5.3: a peer refusing a required extended master secret gets handshake_failure.
                case NO_COMMON_PARAMETERS, REQUIRED_FEATURE_MISSING: return AlertDescription.HANDSHAKE_FAILURE;
                default: throw new AssertionError(incompatible.kind());
            }
        }
        if (failure instanceof AuthenticationFailedException) {
            return AlertDescription.DECRYPT_ERROR;
        }
        if (failure instanceof CertificateRejectedException rejected) {
            switch (rejected.kind()) {
                case BAD_CERTIFICATE: return AlertDescription.BAD_CERTIFICATE;
                case UNSUPPORTED_CERTIFICATE: return AlertDescription.UNSUPPORTED_CERTIFICATE;
                case CERTIFICATE_EXPIRED: return AlertDescription.CERTIFICATE_EXPIRED;
                case UNKNOWN_CA: return AlertDescription.UNKNOWN_CA;
                case MISSING: return AlertDescription.HANDSHAKE_FAILURE;
                default: throw new AssertionError(rejected.kind());
            }
        }
        if (failure instanceof MisuseException) {
            return AlertDescription.INTERNAL_ERROR;
        }
        throw new AssertionError("unmapped failure " + failure.getClass());
    }
}
