package io.coaps4j.cli.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.dtls.config.ClientAuthentication;
import io.coaps4j.dtls.config.ConnectionIdPolicy;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.PreSharedKey;
import io.coaps4j.dtls.credentials.PskCredentials;
import io.coaps4j.dtls.credentials.PskIdentity;
import io.coaps4j.dtls.credentials.RawPublicKeyCredentials;
import io.coaps4j.dtls.crypto.CipherSuite;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The server's DTLS configuration serves every mode it holds keys for, with the --client-auth chosen. */
class ServerSecurityTest {

    @Test
    void theClientAuthenticationOptionReachesTheDtlsConfiguration() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair own = generator.generateKeyPair();
        RawPublicKeyCredentials rpk = new RawPublicKeyCredentials(own.getPrivate(), own.getPublic(), Set.of(own.getPublic()));
        PskCredentials psk = new PskCredentials(PskIdentity.of("id"), PreSharedKey.of(new byte[16]));
        for (ClientAuth option : ClientAuth.values()) {
            DtlsConfig config = new ServerSecurity(psk, Optional.of(rpk), Optional.empty(), option).dtlsConfig();
            assertThat(config.clientAuthentication()).isEqualTo(ClientAuthentication.valueOf(option.name()));
            assertThat(config.cipherSuites()).containsExactly(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8,
                    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8);
        }
    }

    @Test
    void theCidLengthOptionReachesTheDtlsConfiguration() {
        PskCredentials psk = new PskCredentials(PskIdentity.of("id"), PreSharedKey.of(new byte[16]));
        io.coaps4j.cli.psk.ConnectionIdOption option = new io.coaps4j.cli.psk.ConnectionIdOption();
        new picocli.CommandLine(option).parseArgs("--cid-length", "8");
        DtlsConfig config = new ServerSecurity(psk, Optional.empty(), Optional.empty(), ClientAuth.NEED, true,
                option.policy()).dtlsConfig();
        assertThat(config.connectionIds().lengthFor(io.coaps4j.dtls.crypto.ConnectionEnd.SERVER)).isEqualTo(8);

        io.coaps4j.cli.psk.ConnectionIdOption none = new io.coaps4j.cli.psk.ConnectionIdOption();
        new picocli.CommandLine(none).parseArgs();
        assertThat(new ServerSecurity(psk, Optional.empty(), Optional.empty(), ClientAuth.NEED).dtlsConfig()
                .connectionIds().lengthFor(io.coaps4j.dtls.crypto.ConnectionEnd.SERVER)).isEqualTo(6);
        assertThat(none.policy()).isEqualTo(io.coaps4j.dtls.config.ConnectionIdPolicy.DEFAULT);
    }

    @Test
    void noResumptionSwitchesSessionResumptionOffInTheDtlsConfiguration() {
        PskCredentials psk = new PskCredentials(PskIdentity.of("id"), PreSharedKey.of(new byte[16]));
        assertThat(new ServerSecurity(psk, Optional.empty(), Optional.empty(), ClientAuth.NEED).dtlsConfig().resumption())
                .isTrue();
        assertThat(new ServerSecurity(psk, Optional.empty(), Optional.empty(), ClientAuth.NEED, false).dtlsConfig()
                .resumption()).isFalse();

        io.coaps4j.cli.psk.ResumptionOption option = new io.coaps4j.cli.psk.ResumptionOption();
        new picocli.CommandLine(option).parseArgs("--no-resumption");
        assertThat(option.enabled()).isFalse();
        io.coaps4j.cli.psk.ResumptionOption none = new io.coaps4j.cli.psk.ResumptionOption();
        new picocli.CommandLine(none).parseArgs();
        assertThat(none.enabled()).isTrue();
    }

    @Test
    void theSessionCacheBoundReachesTheDtlsConfigurationAndMustHoldOneSession() {
        PskCredentials psk = new PskCredentials(PskIdentity.of("id"), PreSharedKey.of(new byte[16]));
        assertThat(new ServerSecurity(psk, Optional.empty(), Optional.empty(), ClientAuth.NEED).dtlsConfig()
                .sessionCacheSize()).isEqualTo(DtlsConfig.DEFAULT_SESSION_CACHE_SIZE);
        assertThat(new ServerSecurity(psk, Optional.empty(), Optional.empty(), ClientAuth.NEED, true,
                ConnectionIdPolicy.DEFAULT, 500).dtlsConfig().sessionCacheSize()).isEqualTo(500);
        assertThatThrownBy(() -> new ServerSecurity(psk, Optional.empty(), Optional.empty(), ClientAuth.NEED, true,
                ConnectionIdPolicy.DEFAULT, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }
}
