package io.xsg.xmpp.xml;

import java.util.ArrayList;
import java.util.List;

/** Records parser callbacks as a list of events, comparable across chunkings. */
class RecordingListener implements XmlStreamListener {

    final List<Object> events = new ArrayList<>();
    StreamHeader header;
    final List<XmlElement> elements = new ArrayList<>();
    boolean closed;

    @Override
    public void onStreamOpen(StreamHeader h) throws XmlStreamException {
        header = h;
        events.add(h);
    }

    @Override
    public void onElement(XmlElement stanza) {
        elements.add(stanza);
        events.add(stanza);
    }

    @Override
    public void onStreamClose() {
        closed = true;
        events.add("close");
    }
}
