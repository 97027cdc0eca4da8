package io.xsg.edge.s2s;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.xmpp.error.StanzaErrorCondition;
import io.xsg.xmpp.jid.JidParts;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams this edge opens to other domains, one per remote domain (the Kafka partition of the domain is this
 * edge's, so no other edge sends to it meanwhile and the order of a domain's stanzas holds). A stanza for a domain
 * without a stream opens one and waits for it (at most {@code max-queued} do); when the stream cannot be opened, each
 * waiting stanza goes back to its sender as an error. Each domain's state lives on one event loop.
 */
final class RemoteDomains {

    private static final Logger log = LoggerFactory.getLogger(RemoteDomains.class);

    /** A stanza to send, and what to call once it is written or returned to its sender. */
    record Outgoing(StanzaReceivedEvent event, Runnable done) {
    }

    /** Sends a stanza back to its sender as an error; the future completes once that is published. */
    interface Bouncer {
        void bounce(StanzaReceivedEvent event, StanzaErrorCondition condition, String text, Runnable done);
    }

    private final java.util.function.Predicate<String> localDomains;
    private final S2sConnector connector;
    private final Bouncer bouncer;
    private final int maxQueued;
    private final long negotiationTimeoutMillis;
    private final Map<String, Link> links = new ConcurrentHashMap<>();
    private final Runnable sent;

    /** @param localDomains which domains are ours to send from */
    RemoteDomains(java.util.function.Predicate<String> localDomains, S2sConnector connector, Bouncer bouncer,
                  int maxQueued, long negotiationTimeoutMillis, Runnable sent) {
        this.sent = sent;
        this.localDomains = localDomains;
        this.connector = connector;
        this.bouncer = bouncer;
        this.maxQueued = maxQueued;
        this.negotiationTimeoutMillis = negotiationTimeoutMillis;
    }

    /**
     * From any thread. Each of our domains that sends (the operator's, and {@code sms.<domain>} for handsets that are
     * not subscribers) has its own stream to a remote domain, authenticated as itself.
     */
    void send(Outgoing outgoing) {
        String domain = JidParts.domainOf(outgoing.event().to()).toLowerCase(Locale.ROOT);
        String fromDomain = JidParts.domainOf(outgoing.event().from()).toLowerCase(Locale.ROOT);
        if (!localDomains.test(fromDomain)) {
            bouncer.bounce(outgoing.event(), StanzaErrorCondition.SERVICE_UNAVAILABLE,
                    fromDomain + " is not served here", outgoing.done());
            return;
        }
        Link link = links.computeIfAbsent(fromDomain + " " + domain,
                k -> new Link(k, fromDomain, domain, connector.nextLoop()));
        link.loop.execute(() -> link.offer(outgoing));
    }

    /**
     * Gives up the streams to remote domains whose partition this edge no longer owns: their next owner sends what
     * was waiting here (it reads it again from Kafka), so two edges never write to one domain at once.
     */
    void release(java.util.function.Predicate<String> remoteDomain) {
        for (Link link : links.values()) {
            if (remoteDomain.test(link.domain) && links.remove(link.key, link)) {
                link.loop.execute(() -> {
                    link.revoked = true;
                    link.shutdown();
                });
            }
        }
    }

    /** Streams open now, for health and tests. */
    int openStreams() {
        return (int) links.values().stream().filter(l -> l.channel != null).count();
    }

    /** Ends every stream (shutdown); what waits goes back to its senders. */
    void closeAll() {
        for (Link link : links.values()) {
            link.loop.execute(link::shutdown);
        }
    }

    private final class Link {
        final String key;
        final String localDomain;
        final String domain;
        final EventLoop loop;
        final ArrayDeque<Outgoing> waiting = new ArrayDeque<>();
        Channel channel;
        boolean connecting;
        ScheduledFuture<?> timeout;
        /** Tells a late callback of an earlier attempt from the current one's. */
        int attempt;
        /** Closed for good: its domain's partition went to another edge (what comes is that edge's to send). */
        boolean revoked;
        /** Out of the map, idle: what still reaches it goes to the domain's current link. */
        boolean retired;
        /** Closes a stream the peer stopped reading, so that what waits for it moves on. */
        ScheduledFuture<?> stall;

        Link(String key, String localDomain, String domain, EventLoop loop) {
            this.key = key;
            this.localDomain = localDomain;
            this.domain = domain;
            this.loop = loop;
        }

        void offer(Outgoing outgoing) {
            if (revoked) {
                return; // not done, so not committed: the partition's new owner sends it
            }
            if (retired) {
                send(outgoing);
                return;
            }
            boolean open = channel != null && channel.isActive();
            if (open && channel.isWritable() && waiting.isEmpty()) {
                write(outgoing, true);
                return;
            }
            // waiting for the stream, or for the peer to read what is pending (its output is bounded like a
            // client's): at most max-queued, then back to the sender
            if (waiting.size() >= maxQueued) {
                bouncer.bounce(outgoing.event(), StanzaErrorCondition.RESOURCE_CONSTRAINT,
                        "too many stanzas waiting for " + domain, outgoing.done());
                return;
            }
            waiting.add(outgoing);
            if (!open && !connecting) {
                connect();
            } else if (open && stall == null) {
                Channel stuck = channel;
                stall = loop.schedule(() -> {
                    stall = null;
                    if (stuck == channel && !stuck.isWritable()) {
                        log.warn("s2s {} -> {}: the peer has not read for {} ms; closing the stream", localDomain,
                                domain, negotiationTimeoutMillis);
                        stuck.close(); // what was written fails back to its senders, what waits takes a new stream
                    }
                }, negotiationTimeoutMillis, TimeUnit.MILLISECONDS);
            }
        }

        /** Writes what waits while the peer keeps reading. */
        void drain() {
            if (channel == null || !channel.isActive()) {
                return;
            }
            Outgoing next;
            while (channel.isWritable() && (next = waiting.poll()) != null) {
                write(next, false);
            }
            channel.flush();
            if (waiting.isEmpty() && stall != null) {
                stall.cancel(false);
                stall = null;
            }
        }

        /** Leaves the map once nothing is going on, so that it does not grow with every domain ever written to. */
        private void retireIfIdle() {
            if (!connecting && channel == null && waiting.isEmpty() && !revoked && links.remove(key, this)) {
                retired = true;
            }
        }

        private void connect() {
            connecting = true;
            channel = null;
            int mine = ++attempt;
            timeout = loop.schedule(() -> {
                if (attempt == mine && connecting) {
                    failed(mine, StanzaErrorCondition.REMOTE_SERVER_TIMEOUT,
                            "no authenticated stream to " + domain + " within " + negotiationTimeoutMillis + " ms");
                }
            }, negotiationTimeoutMillis, TimeUnit.MILLISECONDS);
            log.debug("s2s {} -> {}: connecting", localDomain, domain);
            connector.open(loop, localDomain, domain, null, new OutgoingStreamHandler.Listener() {
                @Override
                public void authenticated(Channel ch) {
                    if (attempt != mine || !connecting) {
                        ch.close();
                        return;
                    }
                    Link.this.authenticated(ch);
                }

                @Override
                public void failed(StanzaErrorCondition condition, String reason) {
                    Link.this.failed(mine, condition, reason);
                }

                @Override
                public void closed() {
                    if (attempt == mine) {
                        channel = null;
                        if (stall != null) {
                            stall.cancel(false);
                            stall = null;
                        }
                        if (!waiting.isEmpty() && !revoked) {
                            connect(); // what waited for the peer to read goes on a new stream
                        } else {
                            retireIfIdle();
                        }
                    }
                }

                @Override
                public void writable() {
                    if (attempt == mine) {
                        drain();
                    }
                }
            });
        }

        void authenticated(Channel ch) {
            connecting = false;
            timeout.cancel(false);
            channel = ch;
            drain();
        }

        private void write(Outgoing outgoing, boolean flush) {
            var buf = ByteBufUtil.writeUtf8(channel.alloc(), outgoing.event().xml());
            var written = flush ? channel.writeAndFlush(buf) : channel.write(buf);
            written.addListener(f -> {
                if (f.isSuccess()) {
                    sent.run();
                    outgoing.done().run();
                } else {
                    // the stream died under it: it may or may not have arrived, and TCP cannot tell
                    bouncer.bounce(outgoing.event(), StanzaErrorCondition.REMOTE_SERVER_TIMEOUT,
                            "the stream to " + domain + " broke", outgoing.done());
                }
            });
        }

        void failed(int which, StanzaErrorCondition condition, String reason) {
            if (which != attempt || !connecting) {
                return;
            }
            connecting = false;
            timeout.cancel(false);
            if (channel != null) {
                channel.close();
                channel = null;
            }
            log.warn("s2s {} -> {}: {} stanza(s) returned to their senders ({}): {}", localDomain, domain,
                    waiting.size(), condition.elementName(), reason);
            Outgoing next;
            while ((next = waiting.poll()) != null) {
                bouncer.bounce(next.event(), condition, null, next.done());
            }
            retireIfIdle();
        }

        void shutdown() {
            attempt++;
            connecting = false;
            if (channel != null && channel.isActive()) {
                channel.writeAndFlush(ByteBufUtil.writeUtf8(channel.alloc(), "</stream:stream>"))
                        .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
            }
            channel = null;
            Outgoing next;
            while ((next = waiting.poll()) != null) {
                // not bounced: the next owner of the domain's partition reads them again from Kafka
                log.debug("s2s {} -> {}: stanza left for the next owner", localDomain, domain);
            }
        }
    }
}
