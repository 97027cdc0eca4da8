package io.xsg.events.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsg.events.v1.EdgeDeliveryEvent;
import io.xsg.events.v1.SessionEntry;
import io.xsg.events.v1.StanzaReceivedEvent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

    @Test
    void stanzaEventRoundTrips() {
        var serde = EventSerdes.stanzaReceived();
        var event = new StanzaReceivedEvent("e1", "message", "chat", "joe@a.test/laptop", "bob@a.test/phone",
                "<message to='bob@a.test/phone'><body>hi &amp; bye</body></message>", "edge-1", "s1", 42L);

        var back = serde.deserialize("t", serde.serialize("t", event));

        assertThat(back).isEqualTo(event);
        assertThat(back.routingKey()).isEqualTo("bob@a.test");
    }

    @Test
    void routingKeyFallsBackToSenderForServerAddressedStanzas() {
        var event = new StanzaReceivedEvent("e1", "iq", "get", "joe@a.test/laptop", null, "<iq/>", "e", "s", 0);
        assertThat(event.routingKey()).isEqualTo("joe@a.test");
    }

    @Test
    void tombstoneStaysNull() {
        var serde = EventSerdes.sessionEntry();
        assertThat(serde.serialize("t", null)).isNull();
        assertThat(serde.deserialize("t", null)).isNull();
    }

    @Test
    void unknownPropertiesAreIgnoredForForwardCompatibility() {
        var json = "{\"deliveryId\":\"d\",\"sessionId\":\"s\",\"action\":\"STANZA\",\"payload\":\"<x/>\",\"new\":1}";
        var event = EventSerdes.edgeDelivery().deserialize("t", json.getBytes(StandardCharsets.UTF_8));
        assertThat(event).isEqualTo(EdgeDeliveryEvent.stanza("d", "s", "<x/>"));
    }

    @Test
    void anOlderRecordWithoutANewFlagReadsItAsFalse() {
        var serde = EventSerdes.edgeDelivery();
        var shared = EdgeDeliveryEvent.stanza("d", "s", "<x/>").asShared();
        assertThat(serde.deserialize("t", serde.serialize("t", shared))).isEqualTo(shared);
        var old = "{\"deliveryId\":\"d\",\"sessionId\":\"s\",\"action\":\"STANZA\",\"payload\":\"<x/>\"}";
        assertThat(serde.deserialize("t", old.getBytes(StandardCharsets.UTF_8)).shared()).isFalse();
    }

    @Test
    void garbageAndIncompleteEventsAreSerializationErrors() {
        var serde = EventSerdes.sessionEntry();
        assertThatThrownBy(() -> serde.deserialize("t", "not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.deserialize("t", "{\"sessionId\":\"s\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void sessionEntryRejectsOutOfRangePriority() {
        assertThatThrownBy(() -> new SessionEntry("s", "a@b/c", "e", "i", true, 128, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
