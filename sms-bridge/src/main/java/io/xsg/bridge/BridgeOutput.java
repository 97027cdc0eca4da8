package io.xsg.bridge;

import io.xsg.delivery.StanzaPublisher;
import io.xsg.events.serde.EventSerdes;
import io.xsg.events.topic.Topics;
import io.xsg.events.v1.SessionEntry;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.events.v1.sms.SmsSubmitRequest;
import java.util.concurrent.TimeUnit;

/**
 * Where the bridge's output goes while it handles one thing: SMS released to their link, stanzas for routing, the
 * pseudo clients' directory entries. Handling a stanza, the output joins that stanza's transactional outbox; handling
 * an SMSC event, a delivery to a pseudo client or a timer, it is sent at once and acknowledged by Kafka before the
 * state change commits (a crash in between repeats it; ids let the receiver tell).
 */
public interface BridgeOutput {

    void submit(String topic, SmsSubmitRequest request);

    void stanza(StanzaReceivedEvent event);

    /** A pseudo client's directory entry, or its removal ({@code entry == null}). */
    void directory(String sessionId, SessionEntry entry);

    /** Sent now, each acknowledged before the next. */
    static BridgeOutput direct(StanzaPublisher publisher, Topics topics) {
        return new BridgeOutput() {
            @Override
            public void submit(String topic, SmsSubmitRequest request) {
                await(publisher.send(topic, request.destination(), EventSerdes.smsSubmit().serialize(topic, request)),
                        topic);
            }

            @Override
            public void stanza(StanzaReceivedEvent event) {
                await(publisher.send(topics.stanzas(), event.routingKey(),
                        EventSerdes.stanzaReceived().serialize(topics.stanzas(), event)), topics.stanzas());
            }

            @Override
            public void directory(String sessionId, SessionEntry entry) {
                String topic = topics.sessionDirectory();
                await(publisher.send(topic, sessionId,
                        entry == null ? null : EventSerdes.sessionEntry().serialize(topic, entry)), topic);
            }

            private void await(java.util.concurrent.CompletableFuture<Void> sent, String topic) {
                try {
                    sent.get(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while publishing to " + topic, e);
                } catch (Exception e) {
                    throw new IllegalStateException("not published to " + topic, e);
                }
            }
        };
    }
}
