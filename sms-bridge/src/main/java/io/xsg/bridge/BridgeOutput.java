package io.xsg.bridge;

import io.xsg.delivery.StanzaPublisher;
import io.xsg.events.serde.EventSerdes;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.SessionEntry;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.events.v1.sms.SmsSubmitRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Where the bridge's output goes while it handles one thing: SMS released to their link, stanzas for routing, the
 * pseudo clients' directory entries. Handling a stanza, the output joins that stanza's transactional outbox; handling
 * SMSC events, deliveries to pseudo clients or a timer, it is sent at once ({@link #sending}) and acknowledged by Kafka
 * before the state change commits (a crash in between repeats it; ids let the receiver tell).
 */
public interface BridgeOutput {

    void submit(String topic, SmsSubmitRequest request);

    void stanza(StanzaReceivedEvent event);

    /** A pseudo client's directory entry, or its removal ({@code entry == null}). */
    void directory(String sessionId, SessionEntry entry);

    /** What was sent so far is in Kafka before anything sent after (a directory entry before its presence). */
    default void barrier() {
    }

    /**
     * Sent to Kafka at once, without waiting; {@link Sending#await} waits for every acknowledgement, and the caller
     * commits its state change only after it returned (order holds: one idempotent producer keeps a partition's
     * records in the order sent).
     */
    static Sending sending(StanzaPublisher publisher, Topics topics) {
        return new Sending(publisher, topics);
    }

    /** Output sent as it is produced, acknowledged together. */
    final class Sending implements BridgeOutput {

        private final StanzaPublisher publisher;
        private final Topics topics;
        private final List<CompletableFuture<Void>> sent = new ArrayList<>();

        private Sending(StanzaPublisher publisher, Topics topics) {
            this.publisher = publisher;
            this.topics = topics;
        }

        @Override
        public void submit(String topic, SmsSubmitRequest request) {
            sent.add(publisher.send(topic, request.destination(), EventSerdes.smsSubmit().serialize(topic, request)));
        }

        @Override
        public void stanza(StanzaReceivedEvent event) {
            sent.add(publisher.send(topics.stanzas(), event.routingKey(),
                    EventSerdes.stanzaReceived().serialize(topics.stanzas(), event)));
        }

        @Override
        public void directory(String sessionId, SessionEntry entry) {
            String topic = topics.sessionDirectory();
            sent.add(publisher.send(topic, sessionId,
                    entry == null ? null : EventSerdes.sessionEntry().serialize(topic, entry)));
        }

        @Override
        public void barrier() {
            await();
        }

        /** Waits until Kafka acknowledged everything sent; throws if anything was refused. */
        public void await() {
            try {
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing", e);
            } catch (Exception e) {
                throw new IllegalStateException("not published: " + e.getMessage(), e);
            } finally {
                sent.clear();
            }
        }
    }
}
