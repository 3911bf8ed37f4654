package io.coaps4j.coap.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.peer.PlainPeer;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random mixes of add (as the engine does: only when {@code get} finds nothing), forget and the
 * passing of time, against a model that keeps every slot in a list and scans it.
 */
class DeduplicationCachePropertiesTest {
    private static final TransmissionParameters PARAMS = TransmissionParameters.DEFAULT;
    private static final long SECOND = 1_000_000_000L;
    private static final int PEERS = 4;
    private static final int MESSAGE_IDS = 6;
    private static final int MAX_ENTRIES = 8;

    sealed interface Action permits Add, Forget, Advance {
    }

    record Add(int peer, int messageId, boolean confirmable) implements Action {
    }

    record Forget(int peer) implements Action {
    }

    record Advance(long seconds) implements Action {
    }

    @Property(tries = 1000)
    void behavesLikeTheModel(@ForAll("actions") List<Action> actions) {
        DeduplicationCache<String> cache = new DeduplicationCache<>(PARAMS, MAX_ENTRIES, true);
        Model model = new Model();
        long now = 0;
        for (Action action : actions) {
            if (action instanceof Add add) {
                MidKey key = new MidKey(peer(add.peer()), add.messageId());
                assertThat(cache.get(key) != null).isEqualTo(model.remembers(add.peer(), add.messageId()));
                if (cache.get(key) == null) {
                    cache.add(key, add.confirmable(), now, null);
                    model.add(add.peer(), add.messageId(), add.confirmable(), now);
                }
            } else if (action instanceof Forget forget) {
                cache.forget(peer(forget.peer()));
                model.forget(forget.peer());
            } else if (action instanceof Advance advance) {
                now += advance.seconds() * SECOND;
                cache.expire(now);
                model.expire(now);
            }
            assertAgree(cache, model);
        }
    }

    private static void assertAgree(DeduplicationCache<String> cache, Model model) {
        assertThat(cache.size()).isEqualTo(model.liveCount());
        assertThat(cache.ringSlots()).isEqualTo(model.con.size() + model.non.size());
        assertThat(cache.evictions()).isEqualTo(model.evictions);
        assertThat(cache.peerChains()).isEqualTo(model.liveChains());
        for (int peer = 0; peer < PEERS; peer++) {
            for (int messageId = 0; messageId < MESSAGE_IDS; messageId++) {
                assertThat(cache.get(new MidKey(peer(peer), messageId)) != null)
                        .as("peer %d, message id %d", peer, messageId)
                        .isEqualTo(model.remembers(peer, messageId));
            }
        }
    }

    /** A new, equal object each time, as transports make them. */
    private static PlainPeer peer(int index) {
        return new PlainPeer(new InetSocketAddress("127.0.0.1", 5683 + index));
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Action> add = Combinators.combine(Arbitraries.integers().between(0, PEERS - 1),
                Arbitraries.integers().between(0, MESSAGE_IDS - 1), Arbitraries.of(true, false)).as(Add::new);
        Arbitrary<Action> forget = Arbitraries.integers().between(0, PEERS - 1).map(Forget::new);
        Arbitrary<Action> advance = Arbitraries.longs().between(0, 120).map(Advance::new);
        return Arbitraries.frequencyOf(Tuple.of(6, add), Tuple.of(1, forget), Tuple.of(2, advance))
                .list().ofMaxSize(120);
    }

    /** Every ring slot in arrival order per kind, with whether it still holds a remembered message. */
    private static final class Model {
        final ArrayDeque<Slot> con = new ArrayDeque<>();
        final ArrayDeque<Slot> non = new ArrayDeque<>();
        long evictions;

        static final class Slot {
            final int peer;
            final int messageId;
            final boolean confirmable;
            final long arrival;
            boolean live = true;

            Slot(int peer, int messageId, boolean confirmable, long arrival) {
                this.peer = peer;
                this.messageId = messageId;
                this.confirmable = confirmable;
                this.arrival = arrival;
            }
        }

        void add(int peer, int messageId, boolean confirmable, long now) {
            if (con.size() + non.size() >= MAX_ENTRIES) {
                boolean takeCon = non.isEmpty() || (!con.isEmpty() && con.peekFirst().arrival <= non.peekFirst().arrival);
                Slot oldest = takeCon ? con.pollFirst() : non.pollFirst();
                if (oldest.live) {
                    evictions++;
                }
            }
            (confirmable ? con : non).addLast(new Slot(peer, messageId, confirmable, now));
        }

        void forget(int peer) {
            for (Slot slot : all()) {
                if (slot.peer == peer) {
                    slot.live = false;
                }
            }
        }

        void expire(long now) {
            long conLifetime = PARAMS.exchangeLifetime().toNanos();
            long nonLifetime = PARAMS.nonLifetime().toNanos();
            while (!con.isEmpty() && con.peekFirst().arrival + conLifetime <= now) {
                con.pollFirst();
            }
            while (!non.isEmpty() && non.peekFirst().arrival + nonLifetime <= now) {
                non.pollFirst();
            }
        }

        boolean remembers(int peer, int messageId) {
            return all().stream().anyMatch(s -> s.live && s.peer == peer && s.messageId == messageId);
        }

        int liveCount() {
            return (int) all().stream().filter(s -> s.live).count();
        }

        /** Distinct (peer, kind) among the remembered messages. */
        int liveChains() {
            Set<List<Object>> chains = new HashSet<>();
            for (Slot slot : all()) {
                if (slot.live) {
                    chains.add(List.of(slot.peer, slot.confirmable));
                }
            }
            return chains.size();
        }

        private List<Slot> all() {
            List<Slot> slots = new ArrayList<>(con);
            slots.addAll(non);
            return slots;
        }
    }
}
