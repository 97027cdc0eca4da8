package io.xsg.launcher.load;

import io.xsg.events.serde.EventSerdes;
import io.xsg.events.v1.sms.SmsSubmitResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Where an SMS's time goes, from the records' own timestamps: edge (stanza received → on xmpp.stanzas), routing (→ on
 * xmpp.account-stanzas), the bridge (→ its submit request on sms.submit.*, including the wait in the handset's
 * outbox), the connector and SMSC (→ its submit result on sms.smsc-events).
 */
final class SmsStages {

    private static final Pattern ID = Pattern.compile(" id=[\"']([^\"']+)[\"']");

    private SmsStages() {
    }

    static void print(String bootstrap, String link) {
        Map<String, long[]> byStanzaId = new HashMap<>(); // received, stanzas, account, submit, result
        Map<String, String> submitToStanza = new HashMap<>();
        try (var c = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            for (String topic : List.of("xmpp.stanzas", "xmpp.account-stanzas", "sms.submit." + link,
                    "sms.smsc-events")) {
                for (ConsumerRecord<String, byte[]> r : all(c, topic)) {
                    switch (topic) {
                        case "xmpp.stanzas" -> {
                            var e = EventSerdes.stanzaReceived().deserialize(topic, r.value());
                            String id = id(e.xml());
                            if (id != null && e.to() != null && e.to().contains("@sms.")) {
                                long[] t = byStanzaId.computeIfAbsent(id, k -> new long[5]);
                                t[0] = e.receivedAt();
                                t[1] = r.timestamp();
                            }
                        }
                        case "xmpp.account-stanzas" -> {
                            var e = EventSerdes.accountStanza().deserialize(topic, r.value());
                            long[] t = byStanzaId.get(id(e.stanza().xml()));
                            if (t != null) {
                                t[2] = r.timestamp();
                            }
                        }
                        case "sms.smsc-events" -> {
                            if (EventSerdes.smscEvent().deserialize(topic, r.value()) instanceof SmsSubmitResult res) {
                                long[] t = byStanzaId.get(submitToStanza.get(res.submitId()));
                                if (t != null) {
                                    t[4] = r.timestamp();
                                }
                            }
                        }
                        default -> {
                            var e = EventSerdes.smsSubmit().deserialize(topic, r.value());
                            long[] t = e.correlationId() == null ? null : byStanzaId.get(e.correlationId());
                            if (t != null) {
                                t[3] = r.timestamp();
                                submitToStanza.put(e.submitId(), e.correlationId());
                            }
                        }
                    }
                }
            }
        }
        System.out.printf("stages: %d stanzas for numbers, %d submits matched%n", byStanzaId.size(),
                submitToStanza.size());
        String[] names = {"edge", "routing", "bridge (incl. outbox wait)", "connector + SMSC"};
        for (int stage = 0; stage < 4; stage++) {
            List<Long> gaps = new ArrayList<>();
            for (long[] t : byStanzaId.values()) {
                if (t[stage] > 0 && t[stage + 1] > 0) {
                    gaps.add(t[stage + 1] - t[stage]);
                }
            }
            long[] sorted = gaps.stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length > 0) {
                System.out.printf("  %-28s n=%d  p50 %d ms  p90 %d ms  p99 %d ms%n", names[stage], sorted.length,
                        sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.9)],
                        sorted[(int) (sorted.length * 0.99)]);
            }
        }
    }

    private static List<ConsumerRecord<String, byte[]>> all(KafkaConsumer<String, byte[]> c, String topic) {
        var parts = c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        c.assign(parts);
        c.seekToBeginning(parts);
        var end = c.endOffsets(parts);
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        while (parts.stream().anyMatch(p -> c.position(p) < end.get(p))) {
            c.poll(Duration.ofMillis(200)).forEach(out::add);
        }
        return out;
    }

    private static String id(String xml) {
        Matcher m = ID.matcher(xml);
        return m.find() ? m.group(1) : null;
    }
}
