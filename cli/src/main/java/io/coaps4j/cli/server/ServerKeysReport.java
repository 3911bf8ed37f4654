package io.coaps4j.cli.server;

import io.coaps4j.cli.Terminal;
import io.coaps4j.cli.keys.Fingerprints;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Map;
import java.util.Objects;

/**
 * What the server prints at start about its RawPublicKey and Certificate modes: its identity, whom it
 * trusts, and, when the client's half was generated into the data folder, a {@code coaps4j} and a libcoap
 * command that reach it in each mode, as {@link ServerPsk} does for the pre-shared key.
 */
final class ServerKeysReport {
    private final ServerKeyMaterial material;
    private final ClientAuth clientAuth;

    ServerKeysReport(ServerKeyMaterial material, ClientAuth clientAuth) {
        this.material = Objects.requireNonNull(material, "material");
        this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
    }

    void print(Terminal terminal, InetSocketAddress coapsLocal) {
        printRawPublicKey(terminal, coapsLocal);
        printCertificates(terminal, coapsLocal);
        terminal.outLine("coaps client authentication (RawPublicKey, Certificate): " + clientAuth.option());
    }

    private void printRawPublicKey(Terminal terminal, InetSocketAddress coapsLocal) {
        ServerKeyMaterial.RawPublicKeySource rpk = material.rawPublicKeySource();
        if (rpk.generated().isPresent()) {
            ServerKeyFiles.RawPublicKeys files = rpk.generated().get();
            terminal.outLine("coaps raw public key (" + (files.generated() ? "generated now into " : "from ")
                    + files.directory() + "):");
        } else {
            terminal.outLine("coaps raw public key:");
        }
        terminal.outLine("  identity    " + Fingerprints.ni(rpk.own().getPublic()) + " (" + rpk.ownFile() + ")");
        for (Map.Entry<Path, PublicKey> trusted : rpk.trusted().entrySet()) {
            terminal.outLine("  trusts      " + Fingerprints.ni(trusted.getValue()) + " (" + trusted.getKey() + ")");
        }
        if (rpk.generated().isPresent()) {
            ServerKeyFiles.RawPublicKeys files = rpk.generated().get();
            String uri = uri(ServerPsk.exampleHost(coapsLocal), coapsLocal);
            String clientKey = word(files.file(ServerKeyFiles.CLIENT_RPK_KEY));
            terminal.outLine("  try: ./coaps4j get " + uri + " --key " + clientKey + " --trust "
                    + word(files.file(ServerKeyFiles.RPK_PUBLIC)));
            // libcoap reads raw public keys with GnuTLS only (coap-client(5), -M).
            terminal.outLine("       coap-client-gnutls -M " + clientKey + " -m get " + uri);
        }
    }

    private void printCertificates(Terminal terminal, InetSocketAddress coapsLocal) {
        ServerKeyMaterial.CertificateSource certificates = material.certificateSource();
        if (certificates.generated().isPresent()) {
            ServerKeyFiles.Certificates files = certificates.generated().get();
            terminal.outLine("coaps certificates (" + (files.generated() ? "generated now into " : "from ")
                    + files.directory() + "):");
        } else {
            terminal.outLine("coaps certificates:");
        }
        terminal.outLine("  CA          " + certificates.caFile() + " (SHA-256 "
                + Fingerprints.sha256(certificates.cas().get(0)) + ")");
        terminal.outLine("  server      " + certificates.chainFile() + " (SHA-256 "
                + Fingerprints.sha256(certificates.chain().get(0)) + ")");
        if (certificates.generated().isPresent()) {
            ServerKeyFiles.Certificates files = certificates.generated().get();
            // The certificate names localhost (a DNS-ID, RFC 6125), and so must the URI the client checks it by.
            String uri = uri(certificateHost(coapsLocal), coapsLocal);
            String cert = word(files.file(ServerKeyFiles.CLIENT_CERTIFICATE));
            String key = word(files.file(ServerKeyFiles.CLIENT_KEY));
            String ca = word(files.file(ServerKeyFiles.CA));
            terminal.outLine("  try: ./coaps4j get " + uri + " --cert " + cert + " --key " + key + " --trust " + ca);
            terminal.outLine("       coap-client-openssl -c " + cert + " -j " + key + " -C " + ca + " -m get " + uri);
        }
    }

    /** {@code localhost} when the listener takes loopback connections, else its address. */
    private static String certificateHost(InetSocketAddress local) {
        InetAddress address = local.getAddress();
        return address.isAnyLocalAddress() || address.isLoopbackAddress() ? "localhost"
                : ServerPsk.exampleHost(local);
    }

    private static String uri(String host, InetSocketAddress local) {
        return "coaps://" + host + (local.getPort() == ServerCommand.DEFAULT_COAPS_PORT ? "" : ":" + local.getPort())
                + "/hello";
    }

    private static String word(Path file) {
        return ServerPsk.shellWord(file.toString());
    }
}
