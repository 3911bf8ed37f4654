package io.coaps4j.dtls.handshake.client;

import io.coaps4j.dtls.alert.CertificateRejectedException;
import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.handshake.message.CertificateType;
import io.coaps4j.dtls.handshake.message.CertificateTypes;
import io.coaps4j.dtls.handshake.message.ServerHello;

import java.util.Objects;
import java.util.Optional;

/**
 * What the ServerHello of the ECDHE_ECDSA suite settled besides {@link ClientNegotiated}: the certificate type
 * of each side (RFC 7250 section 4: what the server answered, X.509 when it answered nothing), each one the
 * client offered and holds credentials for.
 */
record ClientEcdhe(ClientNegotiated negotiated, CertificateType serverType, CertificateType clientType) {
    ClientEcdhe {
        Objects.requireNonNull(negotiated, "negotiated");
        Objects.requireNonNull(serverType, "serverType");
        Objects.requireNonNull(clientType, "clientType");
    }

    static ClientEcdhe of(ClientNegotiated negotiated, ServerHello hello) throws DtlsException {
        ClientKeys keys = negotiated.offer().keys();
        CertificateType serverType = settled(hello.extensions().chosenServerCertificateType(),
                negotiated.offer().hello().extensions().serverCertificateTypes(), "server");
        boolean trusts = serverType == CertificateType.RAW_PUBLIC_KEY ? keys.rawPublicKey().isPresent()
                : keys.certificate().isPresent();
        if (!trusts) {
            throw new CertificateRejectedException(CertificateRejectedException.Kind.UNSUPPORTED_CERTIFICATE,
                    "the server uses " + serverType + " certificates, for which this client holds no trust");
        }
        CertificateType clientType = settled(hello.extensions().chosenClientCertificateType(),
                negotiated.offer().hello().extensions().clientCertificateTypes(), "client");
        return new ClientEcdhe(negotiated, serverType, clientType);
    }

    private static CertificateType settled(Optional<Integer> chosen, Optional<CertificateTypes> offered, String side)
            throws DtlsException {
        if (chosen.isEmpty()) {
            return CertificateType.X509;
        }
        Optional<CertificateType> type = CertificateType.of(chosen.get());
        if (type.isEmpty() || offered.isEmpty() || !offered.get().contains(type.get())) {
            throw new CertificateRejectedException(CertificateRejectedException.Kind.UNSUPPORTED_CERTIFICATE,
                    "the server chose " + side + " certificate type " + chosen.get() + ", which was not offered");
        }
        return type.get();
    }
}
