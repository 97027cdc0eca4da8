package io.xsg.bridge;

import io.xsg.events.v1.SessionEntry;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.events.v1.sms.SmsSubmitRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the bridge would publish, kept for a test to look at (the Kafka side is tested end to end elsewhere). */
final class RecordingOutput implements BridgeOutput {

    final List<SmsSubmitRequest> submits = new ArrayList<>();
    final List<StanzaReceivedEvent> stanzas = new ArrayList<>();
    final List<Map.Entry<String, SessionEntry>> directory = new ArrayList<>();

    @Override
    public void submit(String topic, SmsSubmitRequest request) {
        submits.add(request);
    }

    @Override
    public void stanza(StanzaReceivedEvent event) {
        stanzas.add(event);
    }

    @Override
    public void directory(String sessionId, SessionEntry entry) {
        directory.add(new java.util.AbstractMap.SimpleEntry<>(sessionId, entry));
    }

    List<String> texts() {
        return submits.stream().map(SmsSubmitRequest::text).toList();
    }

    String lastText() {
        return submits.get(submits.size() - 1).text();
    }

    void clear() {
        submits.clear();
        stanzas.clear();
        directory.clear();
    }
}
