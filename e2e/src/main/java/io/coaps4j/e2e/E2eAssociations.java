package io.coaps4j.e2e;

import io.coaps4j.dtls.record.Record;
import io.coaps4j.dtls.record.SecurityAssociation;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The key-management interface of end-to-end protection (docs/E2E.md section 7; seed section 4): the one
 * place where an SA agreed by any key-management protocol (a DTLS handshake over CoAP, a token, a
 * pre-provisioned key, {@link E2eKeys#fromPsk}) is installed into the record layer, under an identifier
 * the recipient finds it by, for a lifetime. Thread-safe; shared by the client and server layers of a node.
 */
public final class E2eAssociations {
    private final ConcurrentHashMap<SaId, E2eAssociation> associations = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private volatile Resolver resolver = saId -> Optional.empty();

    /**
     * Key management the recipient runs on demand: the SA for an identifier it has not installed, derived
     * from what the identifier carries (e.g. {@link E2eKeys#resolver}); empty when it cannot.
     */
    @FunctionalInterface
    public interface Resolver {
        Optional<Resolved> resolve(byte[] saId);
    }

    /** What a {@link Resolver} derived: the association, who holds the other end, and for how long. */
    public record Resolved(SecurityAssociation association, String peerName, Duration lifetime) {
    }

    /** A store whose lifetimes run on {@link System#nanoTime()}. */
    public E2eAssociations() {
        this(System::nanoTime);
    }

    /** A store whose lifetimes run on {@code nanoClock} (virtual time in tests). */
    public E2eAssociations(LongSupplier nanoClock) {
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /**
     * Installs {@code association} (from {@link SecurityAssociation#builder()} or a handshake) as SA
     * {@code saId} for {@code lifetime}, replacing any SA with that identifier. The association is used from
     * now on only through this store: the caller must not protect or unprotect with it elsewhere.
     *
     * @param peerName who holds the other end, as key management established it (shown to resources)
     * @throws IllegalArgumentException when the identifier is not 1 to 8 bytes, the association is not
     *                                  protected (epoch 0) or the lifetime is not positive
     */
    public void install(byte[] saId, SecurityAssociation association, Duration lifetime, String peerName) {
        SaId id = new SaId(saId);
        Objects.requireNonNull(association, "association");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(peerName, "peerName");
        if (!association.isProtected()) {
            throw new IllegalArgumentException("an end-to-end SA must be protected (epoch 1 or later), was epoch "
                    + association.epoch());
        }
        if (association.headerLength() != Record.HEADER_LENGTH) {
            throw new IllegalArgumentException("an end-to-end SA writes plain DTLS 1.2 records, without a connection ID");
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive, was " + lifetime);
        }
        long expires = nanoClock.getAsLong() + saturatedNanos(lifetime);
        associations.put(id, new E2eAssociation(id, association, E2ePrincipal.of(peerName, saId), expires));
    }

    /** Consults {@code value} for identifiers not installed; the SA it gives is installed. */
    public void resolver(Resolver value) {
        this.resolver = Objects.requireNonNull(value, "resolver");
    }

    /** Removes SA {@code saId}; returns whether there was one. */
    public boolean remove(byte[] saId) {
        return associations.remove(new SaId(saId)) != null;
    }

    /** Whether SA {@code saId} is installed and not expired. */
    public boolean contains(byte[] saId) {
        return find(new SaId(saId)).isPresent();
    }

    /** The principal of SA {@code saId}, if installed and not expired. */
    public Optional<E2ePrincipal> principal(byte[] saId) {
        return find(new SaId(saId)).map(E2eAssociation::principal);
    }

    /** The SA, if installed and not expired (an expired one is removed on the way), or resolved now. */
    Optional<E2eAssociation> find(SaId id) {
        E2eAssociation association = associations.get(id);
        if (association == null) {
            Optional<Resolved> resolved = resolver.resolve(id.bytes());
            if (resolved.isEmpty()) {
                return Optional.empty();
            }
            install(id.bytes(), resolved.get().association(), resolved.get().lifetime(), resolved.get().peerName());
            return Optional.ofNullable(associations.get(id));
        }
        if (association.expired(nanoClock.getAsLong())) {
            associations.remove(id, association);
            return Optional.empty();
        }
        return Optional.of(association);
    }

    private static long saturatedNanos(Duration lifetime) {
        try {
            return Math.min(lifetime.toNanos(), Long.MAX_VALUE / 4);
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE / 4;
        }
    }
}
