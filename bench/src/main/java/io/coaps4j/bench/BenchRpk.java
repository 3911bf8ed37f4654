package io.coaps4j.bench;

import io.coaps4j.dtls.credentials.Pem;
import io.coaps4j.dtls.credentials.RawPublicKeyCredentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Set;

/**
 * The RawPublicKey fixture of one benchmark run: a P-256 key pair for the servers and one for the load
 * generator, generated once per run before anything is timed and shared with the server processes through a
 * key directory. Each key file holds the PKCS#8 "PRIVATE KEY" and the "PUBLIC KEY" blocks, the one-file form
 * libcoap's GnuTLS server takes ({@code -M}) and {@link Pem} reads; the servers trust exactly the generator's
 * key and the generator exactly the servers' (client authentication needed everywhere).
 */
public final class BenchRpk {
    /** The servers' key pair (private and public key, PEM). */
    public static final String SERVER_KEY = "server-rpk.pem";
    /** The generator's key pair (private and public key, PEM). */
    public static final String CLIENT_KEY = "client-rpk.pem";
    /** The server argument prefix naming the key directory. */
    public static final String KEYS_ARGUMENT = "keys=";

    private final KeyPair server;
    private final KeyPair client;

    private BenchRpk(KeyPair server, KeyPair client) {
        this.server = server;
        this.client = client;
    }

    /** Fresh server and client key pairs on secp256r1. */
    public static BenchRpk generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return new BenchRpk(generator.generateKeyPair(), generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate P-256 keys", e);
        }
    }

    /** Writes both key files into {@code dir} (created if missing, owner-only files); returns {@code dir}. */
    public Path writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        write(dir.resolve(SERVER_KEY), server);
        write(dir.resolve(CLIENT_KEY), client);
        return dir;
    }

    /** The key pairs written by {@link #writeTo} into {@code dir}. */
    public static BenchRpk readFrom(Path dir) throws IOException {
        return new BenchRpk(read(dir.resolve(SERVER_KEY)), read(dir.resolve(CLIENT_KEY)));
    }

    /** The key directory named by a {@value #KEYS_ARGUMENT} argument among a server main's {@code args}. */
    public static Path directoryFromArgs(String[] args) {
        for (String arg : args) {
            if (arg.startsWith(KEYS_ARGUMENT)) {
                return Path.of(arg.substring(KEYS_ARGUMENT.length()));
            }
        }
        throw new IllegalArgumentException("an RPK server needs " + KEYS_ARGUMENT + "DIR (the run's key directory)");
    }

    public KeyPair serverKey() {
        return server;
    }

    public KeyPair clientKey() {
        return client;
    }

    /** Our server's credentials: its key, trusting only the generator's key. */
    public RawPublicKeyCredentials serverCredentials() {
        return new RawPublicKeyCredentials(server.getPrivate(), server.getPublic(), Set.of(client.getPublic()));
    }

    /** The generator's credentials: its key, trusting only the servers' key. */
    public RawPublicKeyCredentials clientCredentials() {
        return new RawPublicKeyCredentials(client.getPrivate(), client.getPublic(), Set.of(server.getPublic()));
    }

    /**
     * The PEM text of {@code pair}: "PRIVATE KEY" (PKCS#8 with the public key inside, as OpenSSL writes it; GnuTLS
     * fails with "ASN1 parser: Element was not found" on the JDK's encoding without it) then "PUBLIC KEY".
     */
    static String pem(KeyPair pair) {
        return Pem.encodePrivateKey(pair) + Pem.encodePublicKey(pair.getPublic());
    }

    private static void write(Path file, KeyPair pair) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file);
        file.toFile().setReadable(false, false);
        file.toFile().setReadable(true, true);
        file.toFile().setWritable(false, false);
        file.toFile().setWritable(true, true);
        Files.writeString(file, pem(pair), StandardCharsets.US_ASCII);
    }

    private static KeyPair read(Path file) throws IOException {
        return Pem.readKeyPair(file);
    }
}
