package io.xsg.launcher.load;

import io.xsg.events.serde.EventSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Where the time goes: edge receipt → stanza record → delivery record, from the events' own timestamps. */
final class Stages {

    private Stages() {
    }

    static void print(String bootstrap) {
        Map<String, Long> received = new HashMap<>();
        Map<String, Long> stanzaTs = new HashMap<>();
        List<long[]> gaps = new ArrayList<>();
        try (var c = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            for (String topic : List.of("xmpp.stanzas", "xmpp.deliver.edge-1")) {
                var parts = c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
                c.assign(parts);
                c.seekToBeginning(parts);
                var end = c.endOffsets(parts);
                while (parts.stream().anyMatch(p -> c.position(p) < end.get(p))) {
                    for (var r : c.poll(Duration.ofMillis(200))) {
                        if (topic.equals("xmpp.stanzas")) {
                            var e = EventSerdes.stanzaReceived().deserialize(topic, r.value());
                            received.put(e.eventId(), e.receivedAt());
                            stanzaTs.put(e.eventId(), r.timestamp());
                        } else {
                            var d = EventSerdes.edgeDelivery().deserialize(topic, r.value());
                            String eventId = d.deliveryId().substring(0, d.deliveryId().indexOf('/'));
                            Long rec = received.get(eventId);
                            if (rec != null) {
                                gaps.add(new long[] {stanzaTs.get(eventId) - rec, r.timestamp() - stanzaTs.get(eventId)});
                            }
                        }
                    }
                }
            }
        }
        for (int stage = 0; stage < 2; stage++) {
            int s = stage;
            long[] v = gaps.stream().mapToLong(g -> g[s]).sorted().toArray();
            System.out.printf("%s: p50 %d ms p99 %d ms (n=%d)%n", s == 0 ? "edge receipt -> stanza record"
                    : "stanza record -> delivery record", v[v.length / 2], v[(int) (v.length * 0.99)], v.length);
        }
    }
}
