package io.coaps4j.dtls.handshake.server;

import io.coaps4j.dtls.alert.DecodeException;
import io.coaps4j.dtls.config.ClientAuthentication;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.crypto.SignatureAlgorithm;
import io.coaps4j.dtls.handshake.OwnCertificate;
import io.coaps4j.dtls.handshake.message.CertificateType;
import io.coaps4j.dtls.handshake.message.CertificateTypes;
import io.coaps4j.dtls.handshake.message.ClientHello;
import io.coaps4j.dtls.handshake.message.EcPointFormats;
import io.coaps4j.dtls.handshake.message.Extensions;
import io.coaps4j.dtls.handshake.message.SignatureAlgorithms;
import io.coaps4j.dtls.handshake.message.SupportedGroups;

import java.util.List;
import java.util.Optional;

/**
 * What a server settles for TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 from a ClientHello: secp256r1 with uncompressed
 * points and ecdsa_secp256r1_sha256 must be acceptable to the client (RFC 8422 sections 4 and 5.1, RFC 5246
 * section 7.4.1.4.1), the server's certificate type is the client's own type when the client lists it for the
 * server too, else the first the client lists that the server holds credentials for (RFC 7250 section 4; without
 * the extension X.509), and, when the client is to authenticate,
 * its type is the first it lists that the server can check.
 *
 * @param clientType the client's certificate type when a CertificateRequest is sent
 */
record EcdheChoice(CertificateType serverType, boolean answerServerType, Optional<CertificateType> clientType,
                   boolean answerClientType, boolean answerPointFormats) {

    /**
     * The choice for {@code hello}, or empty when the suite cannot serve it (another suite may): also when the
     * client must authenticate but offers no certificate type the server checks.
     */
    static Optional<EcdheChoice> of(ClientHello hello, DtlsConfig config) throws DecodeException {
        Extensions extensions = hello.extensions();
        Optional<SupportedGroups> groups = extensions.supportedGroups();
        Optional<EcPointFormats> formats = extensions.ecPointFormats();
        Optional<SignatureAlgorithms> algorithms = extensions.signatureAlgorithms();
        if (groups.isPresent() && !groups.get().groups().contains(SupportedGroups.SECP256R1)
                || formats.isPresent() && !formats.get().formats().contains(EcPointFormats.UNCOMPRESSED)
                || algorithms.isPresent() && !algorithms.get().contains(SignatureAlgorithm.ECDSA_SHA256)) {
            return Optional.empty();
        }
        Optional<CertificateTypes> serverTypes = extensions.serverCertificateTypes();
        Optional<CertificateTypes> clientTypes = extensions.clientCertificateTypes();
        Optional<CertificateType> serverType = serverType(serverTypes, clientTypes, config);
        if (serverType.isEmpty()) {
            return Optional.empty();
        }
        Optional<CertificateType> clientType = Optional.empty();
        if (config.clientAuthentication() != ClientAuthentication.NONE) {
            clientType = first(clientTypes, config);
            if (clientType.isEmpty() && config.clientAuthentication() == ClientAuthentication.NEED) {
                return Optional.empty();
            }
        }
        return Optional.of(new EcdheChoice(serverType.get(), serverTypes.isPresent(), clientType,
                clientType.isPresent() && clientTypes.isPresent(), formats.isPresent()));
    }

    /**
     * The server's type: the one the client authenticates with itself when it may also be the server's (a client
     * with a raw public key trusts raw public keys, though GnuTLS lists X.509 first), else the first the client
     * lists that the server holds.
     */
    private static Optional<CertificateType> serverType(Optional<CertificateTypes> serverTypes,
                                                        Optional<CertificateTypes> clientTypes, DtlsConfig config) {
        if (serverTypes.isPresent() && clientTypes.isPresent()) {
            Optional<CertificateType> own = CertificateType.of(clientTypes.get().codes().get(0));
            if (own.isPresent() && serverTypes.get().contains(own.get()) && OwnCertificate.holds(config, own.get())) {
                return own;
            }
        }
        return first(serverTypes, config);
    }

    private static Optional<CertificateType> first(Optional<CertificateTypes> offered, DtlsConfig config) {
        List<Integer> codes = offered.map(CertificateTypes::codes).orElse(List.of(CertificateType.X509.code()));
        for (int code : codes) {
            Optional<CertificateType> type = CertificateType.of(code);
            if (type.isPresent() && OwnCertificate.holds(config, type.get())) {
                return type;
            }
        }
        return Optional.empty();
    }
}
