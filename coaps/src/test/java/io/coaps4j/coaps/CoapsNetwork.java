package io.coaps4j.coaps;

import io.coaps4j.coap.endpoint.ConnectorSink;
import io.coaps4j.coap.exchange.CoapEngine;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.exchange.EngineOutput;
import io.coaps4j.coap.exchange.ExchangeFailure;
import io.coaps4j.coap.exchange.ResponseListener;
import io.coaps4j.coap.exchange.ServerExchange;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.Token;
import io.coaps4j.coap.peer.Peer;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.crypto.RandomSource;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * CoAP nodes over the sans-IO {@link CoapsBinding} on a simulated UDP network in virtual time: each node
 * is a binding and a {@link CoapEngine} wired as {@link DtlsConnector} wires them, without sockets,
 * threads or sleeps. Datagrams take {@link #LATENCY}; a test can cut a node off, or relay one address's
 * datagrams to another node (a client restarting behind the same NAT mapping).
 */
final class CoapsNetwork {
    static final long MS = 1_000_000L;
    static final long LATENCY = 5 * MS;
    /** Virtual time starts far from zero, as System.nanoTime may. */
    private static final long ORIGIN = 1_000_000_000_000L;

    private record Packet(long at, long order, InetSocketAddress from, InetSocketAddress to, byte[] bytes)
            implements Comparable<Packet> {
        @Override
        public int compareTo(Packet other) {
            int byTime = Long.compare(at, other.at);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    private final PriorityQueue<Packet> inFlight = new PriorityQueue<>();
    private final Map<InetSocketAddress, Node> nodes = new HashMap<>();
    private final List<Node> all = new ArrayList<>();
    private final Set<InetSocketAddress> cut = new HashSet<>();
    private long order;
    long now = ORIGIN;

    static InetSocketAddress address(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A node at {@code address} with {@code config}'s binding and its resources, {@code seed} for its randomness. */
    Node node(InetSocketAddress address, CoapsConfig config, long seed) {
        Node node = new Node(address, config, seed);
        nodes.put(address, node);
        all.add(node);
        return node;
    }

    /** Datagrams to and from {@code address} are lost (true) or flow again (false). */
    void cut(InetSocketAddress address, boolean lost) {
        if (lost) {
            cut.add(address);
        } else {
            cut.remove(address);
        }
    }

    /** From now on {@code node} sends from, and receives at, {@code address}: a new client behind an old address. */
    void moveTo(Node node, InetSocketAddress address) {
        nodes.remove(node.address);
        node.address = address;
        nodes.put(address, node);
    }

    void runFor(Duration duration) {
        runUntil(now + duration.toNanos());
    }

    /** Delivers datagrams and fires timers in time order until {@code until}. */
    void runUntil(long until) {
        while (true) {
            long nextPacket = inFlight.isEmpty() ? Long.MAX_VALUE : inFlight.peek().at;
            long nextTimer = Long.MAX_VALUE;
            for (Node node : all) {
                nextTimer = Math.min(nextTimer, Math.min(node.binding.nextDeadline(), node.engine.nextDeadline()));
            }
            long next = Math.min(nextPacket, nextTimer);
            if (next > until) {
                now = until;
                return;
            }
            now = Math.max(now, next);
            if (nextPacket <= nextTimer) {
                Packet packet = inFlight.poll();
                Node target = nodes.get(packet.to());
                if (target != null) {
                    target.binding.receive(packet.from(), packet.bytes(), 0, packet.bytes().length, now);
                }
            } else {
                for (Node node : all) {
                    if (node.binding.nextDeadline() <= now) {
                        node.binding.onTimer(now);
                    }
                    if (node.engine.nextDeadline() <= now) {
                        node.engine.tick(now);
                    }
                }
            }
        }
    }

    /** Runs until {@code future} is done or {@code limit} has passed; returns it. */
    <T> CompletableFuture<T> await(CompletableFuture<T> future, Duration limit) {
        long end = now + limit.toNanos();
        while (!future.isDone() && now < end) {
            runUntil(Math.min(end, now + 10 * MS));
        }
        return future;
    }

    private void send(InetSocketAddress from, InetSocketAddress to, byte[] bytes) {
        if (!cut.contains(from) && !cut.contains(to)) {
            inFlight.add(new Packet(now + LATENCY, order++, from, to, bytes));
        }
    }

    /** A CoAP node: binding, engine, resources by path, and its requests waiting for a session. */
    final class Node implements EngineOutput, ConnectorSink, CoapsBinding.Output {
        InetSocketAddress address;
        final CoapsBinding binding;
        final CoapEngine engine;
        final Map<String, Function<ServerExchange, CoapResponse>> resources = new HashMap<>();
        /** Requests held unanswered by a resource that returns null, to answer later with {@link #answer}. */
        final List<ServerExchange> held = new ArrayList<>();
        final List<ServerExchange> served = new ArrayList<>();
        private final Map<InetSocketAddress, List<CompletableFuture<Peer>>> waiting = new HashMap<>();
        /** Crypto jobs the binding handed out, kept for the test to run and resume, when {@link #deferOffload}. */
        final List<io.coaps4j.dtls.engine.CryptoJob> offloaded = new ArrayList<>();
        boolean deferOffload;
        int datagramsSent;

        Node(InetSocketAddress address, CoapsConfig config, long seed) {
            this.address = address;
            Random random = new Random(seed);
            CryptoContext crypto = new CryptoContext(RandomSource.of(new SecureRandom() {
                private static final long serialVersionUID = 1L;

                @Override
                public void nextBytes(byte[] bytes) {
                    random.nextBytes(bytes);
                }
            }));
            this.binding = new CoapsBinding(config, crypto, this, this, now);
            this.engine = new CoapEngine(EngineConfig.builder().peersCanBeLost(true).build(), this, new Random(seed));
        }

        /** Serves {@code path} with {@code handler}; a handler returning null holds the request. */
        Node resource(String path, Function<ServerExchange, CoapResponse> handler) {
            resources.put(path, handler);
            return this;
        }

        /** A confirmable GET of {@code path} from the node at {@code server}, after a session is resolved. */
        CompletableFuture<Message> get(InetSocketAddress server, String path) {
            CompletableFuture<Message> response = new CompletableFuture<>();
            resolve(server).whenComplete((peer, failure) -> {
                if (failure != null) {
                    response.completeExceptionally(failure);
                    return;
                }
                Message request = Message.of(MessageType.CON, Code.GET, 0, Token.EMPTY,
                        List.of(Option.ofString(OptionNumber.URI_PATH, path)), new byte[0]);
                engine.request(peer, request, Duration.ofSeconds(60).toNanos(), new ResponseListener() {
                    @Override
                    public void onResponse(Message message) {
                        response.complete(message);
                    }

                    @Override
                    public void onFailure(ExchangeFailure failure) {
                        response.completeExceptionally(new IllegalStateException(failure.name()));
                    }
                }, now);
            });
            return response;
        }

        /** The session's peer with {@code server}, as {@link DtlsConnector#resolve} finds it. */
        CompletableFuture<Peer> resolve(InetSocketAddress server) {
            SecurePeer established = binding.established(server);
            if (established != null) {
                return CompletableFuture.completedFuture(established);
            }
            CompletableFuture<Peer> result = new CompletableFuture<>();
            waiting.computeIfAbsent(server, a -> new ArrayList<>()).add(result);
            binding.connect(server, Optional.empty(), now);
            return result;
        }

        /** Answers a held request now. */
        void answer(ServerExchange exchange, CoapResponse response) {
            engine.respond(exchange, response, now);
        }

        @Override
        public void send(Peer peer, byte[] datagram) {
            binding.send(peer, datagram, now);
        }

        @Override
        public void requestReceived(ServerExchange exchange) {
            served.add(exchange);
            String path = String.join("/", exchange.request().uriPath());
            Function<ServerExchange, CoapResponse> handler = resources.get(path);
            CoapResponse response = handler == null ? CoapResponse.of(Code.NOT_FOUND) : handler.apply(exchange);
            if (response == null) {
                held.add(exchange);
            } else {
                engine.respond(exchange, response, now);
            }
        }

        @Override
        public void received(Peer from, byte[] data, int offset, int length) {
            engine.receive(from, data, offset, length, now);
        }

        @Override
        public void peerLost(Peer peer) {
            engine.peerLost(peer, now);
        }

        @Override
        public void ping(Peer peer, Duration ackTimeout, int maxRetransmit, io.coaps4j.coap.endpoint.PingListener listener) {
            engine.keepAlivePing(peer, ackTimeout.toNanos(), maxRetransmit, new ResponseListener() {
                @Override
                public void onResponse(Message response) {
                    listener.pinged(true);
                }

                @Override
                public void onFailure(ExchangeFailure failure) {
                    listener.pinged(false);
                }
            }, now);
        }

        @Override
        public void datagram(InetSocketAddress to, byte[] datagram) {
            datagramsSent++;
            CoapsNetwork.this.send(address, to, datagram);
        }

        @Override
        public void offload(io.coaps4j.dtls.engine.CryptoJob job) {
            if (deferOffload) {
                offloaded.add(job); // the test plays the worker thread, finishing the job in virtual time
            } else {
                job.run();
            }
        }

        /** The worker has run {@code job}: back on the loop, the binding applies it. */
        void finish(io.coaps4j.dtls.engine.CryptoJob job) {
            job.run();
            binding.resume(job, now);
        }

        @Override
        public void established(SecurePeer peer) {
            List<CompletableFuture<Peer>> waiters = waiting.remove(peer.address());
            if (waiters != null) {
                waiters.forEach(waiter -> waiter.complete(peer));
            }
        }

        @Override
        public void unreachable(InetSocketAddress peer, Supplier<DtlsHandshakeException> failure) {
            List<CompletableFuture<Peer>> waiters = waiting.remove(peer);
            if (waiters != null) {
                DtlsHandshakeException exception = failure.get();
                waiters.forEach(waiter -> waiter.completeExceptionally(exception));
            }
        }
    }
}
