package io.coaps4j.attack;

import de.rub.nds.tlsattacker.core.config.Config;
import de.rub.nds.tlsattacker.core.connection.OutboundConnection;
import de.rub.nds.tlsattacker.core.constants.CertificateType;
import de.rub.nds.tlsattacker.core.exceptions.TransportHandlerConnectException;
import de.rub.nds.tlsattacker.core.constants.CipherSuite;
import de.rub.nds.tlsattacker.core.constants.ECPointFormat;
import de.rub.nds.tlsattacker.core.constants.NamedGroup;
import de.rub.nds.tlsattacker.core.constants.SignatureAndHashAlgorithm;
import de.rub.nds.tlsattacker.core.constants.ProtocolVersion;
import de.rub.nds.tlsattacker.core.constants.RunningModeType;
import de.rub.nds.tlsattacker.core.layer.constant.StackConfiguration;
import de.rub.nds.tlsattacker.core.state.State;
import de.rub.nds.tlsattacker.core.workflow.DTLSWorkflowExecutor;
import de.rub.nds.tlsattacker.core.workflow.action.TlsAction;
import de.rub.nds.tlsattacker.core.workflow.action.executor.WorkflowExecutorType;
import de.rub.nds.tlsattacker.transport.TransportHandlerType;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.util.List;

/**
 * TLS-Attacker as a DTLS 1.2 client of our server: a {@link Config} for the PSK suite of RFC 7252 (the peer of
 * {@link Servers#psk()}), and the execution of a workflow trace over UDP on loopback. Each execution binds a new
 * source port, so each is a new client address to our server.
 */
final class Attacker {
    static final String PSK_IDENTITY = "attacker";
    static final byte[] PSK_KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /**
     * How long a receive waits for an expected answer: on loopback it takes milliseconds, but a loaded CI machine
     * may stall a process for longer than a silence window.
     */
    static final int RECEIVE_TIMEOUT_MILLIS = 2_000;
    /** How long {@link Flights#whateverComes()} listens: every silent case costs this. */
    static final int SILENCE_MILLIS = 400;

    static {
        // TLS-Attacker refuses to run without Bouncy Castle among the JCA providers; appended last, it changes
        // no algorithm our engine gets from the JDK's providers.
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    private Attacker() {
    }

    /** A DTLS 1.2 client offering only TLS_PSK_WITH_AES_128_CCM_8, with our server's PSK. */
    static Config pskClient(int serverPort) {
        Config config = new Config();
        config.setDefaultLayerConfiguration(StackConfiguration.DTLS);
        config.setWorkflowExecutorType(WorkflowExecutorType.DTLS);
        config.setHighestProtocolVersion(ProtocolVersion.DTLS12);
        config.setDefaultSelectedProtocolVersion(ProtocolVersion.DTLS12);
        config.setDefaultClientSupportedCipherSuites(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8);
        config.setDefaultSelectedCipherSuite(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8);
        config.setDefaultPSKIdentity(PSK_IDENTITY.getBytes(StandardCharsets.US_ASCII));
        config.setDefaultPSKKey(PSK_KEY);
        config.setAddEllipticCurveExtension(false);
        config.setAddECPointFormatExtension(false);
        config.setAddSignatureAndHashAlgorithmsExtension(false);
        config.setAddRenegotiationInfoExtension(true);
        config.setAddExtendedMasterSecretExtension(true);
        config.setDefaultRunningMode(RunningModeType.CLIENT);
        // TLS-Attacker resends its last flight when an expected answer does not come: each case sends exactly what
        // it says, once.
        config.setMaxUDPRetransmissions(0);
        config.setDefaultClientConnection(connectionTo(serverPort));
        return config;
    }

    /**
     * A DTLS 1.2 client offering only TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 on secp256r1 with raw public keys for both
     * sides (RFC 7250, RFC 7252 section 9.1.3.2), signing with ECDSA and SHA-256.
     */
    static Config rpkClient(int serverPort) {
        Config config = pskClient(serverPort);
        config.setDefaultClientSupportedCipherSuites(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8);
        config.setDefaultSelectedCipherSuite(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8);
        config.setAddEllipticCurveExtension(true);
        config.setAddECPointFormatExtension(true);
        config.setAddSignatureAndHashAlgorithmsExtension(true);
        config.setDefaultClientNamedGroups(NamedGroup.SECP256R1);
        config.setDefaultSelectedNamedGroup(NamedGroup.SECP256R1);
        config.setDefaultClientSupportedPointFormats(ECPointFormat.UNCOMPRESSED);
        config.setDefaultClientSupportedSignatureAndHashAlgorithms(SignatureAndHashAlgorithm.ECDSA_SHA256);
        config.setDefaultSelectedSignatureAndHashAlgorithm(SignatureAndHashAlgorithm.ECDSA_SHA256);
        config.setAddClientCertificateTypeExtension(true);
        config.setClientCertificateTypeDesiredTypes(List.of(CertificateType.RAW_PUBLIC_KEY));
        config.setAddServerCertificateTypeExtension(true);
        config.setServerCertificateTypeDesiredTypes(List.of(CertificateType.RAW_PUBLIC_KEY));
        config.setDefaultSelectedClientCertificateType(CertificateType.RAW_PUBLIC_KEY);
        config.setDefaultSelectedServerCertificateType(CertificateType.RAW_PUBLIC_KEY);
        return config;
    }

    private static OutboundConnection connectionTo(int serverPort) {
        OutboundConnection connection = new OutboundConnection("client", serverPort, "127.0.0.1");
        connection.setTransportHandlerType(TransportHandlerType.UDP);
        connection.setTimeout(RECEIVE_TIMEOUT_MILLIS);
        connection.setConnectionTimeout(RECEIVE_TIMEOUT_MILLIS);
        return connection;
    }

    /**
     * Runs {@code actions} from a new source port on loopback (its connection closed at the end) and returns what
     * happened. The port is picked first so that the test knows which of the server's events since its start are
     * this run's (the kernel may have given the same port to an earlier run).
     */
    static Outcome run(Config config, List<TlsAction> actions) {
        return run(config, actions, freeUdpPort());
    }

    /** Runs {@code actions} from {@code sourcePort}: a second run from the same port is the same client address. */
    static Outcome run(Config config, List<TlsAction> actions, int sourcePort) {
        config.getDefaultClientConnection().setSourcePort(sourcePort);
        for (int attempt = 1; ; attempt++) {
            State state = new State(config, Flights.trace(actions));
            DTLSWorkflowExecutor executor = new DTLSWorkflowExecutor(state);
            executor.setBeforeTransportInitCallback(initializing -> {
                // Without this the handler binds a random port whatever the connection says.
                initializing.getTlsContext().getTransportHandler().setResetClientSourcePort(false);
                return 0;
            });
            try {
                executor.executeWorkflow();
                return new Outcome(state, sourcePort);
            } catch (TransportHandlerConnectException bindFailed) {
                // Nothing was sent yet. The port of the previous run may linger a moment on a loaded machine.
                if (attempt == 3) {
                    throw new AssertionError("could not bind UDP port " + sourcePort + " for the run", bindFailed);
                }
                actions.forEach(TlsAction::reset);
                pause(100);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }
}
