package io.xsg.xmpp.stanza;

import io.xsg.xmpp.xml.StreamHeader;
import io.xsg.xmpp.xml.XmlElement;
import io.xsg.xmpp.xml.XmlLimits;
import io.xsg.xmpp.xml.XmlStreamException;
import io.xsg.xmpp.xml.XmlStreamListener;
import io.xsg.xmpp.xml.XmlStreamParser;
import java.nio.charset.StandardCharsets;

/** Stanzas kept as text between services (Kafka events) and read back where a service needs their content. */
public final class Stanzas {

    private static final byte[] PREFIX = ("<stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams'>").getBytes(StandardCharsets.UTF_8);

    /** Generous: the edge has already enforced its own, smaller limit on what it accepted. */
    private static final XmlLimits LIMITS = new XmlLimits(4 * 1024 * 1024, 64, 128, 4096);

    private Stanzas() {
    }

    /**
     * Parses one stanza serialised in the {@code jabber:client} namespace, as the edge writes it.
     *
     * @throws IllegalArgumentException if the text is not exactly one well-formed element
     */
    public static XmlElement parse(String xml) {
        XmlElement[] found = new XmlElement[1];
        var parser = new XmlStreamParser(LIMITS, new XmlStreamListener() {
            @Override
            public void onStreamOpen(StreamHeader header) {
            }

            @Override
            public void onElement(XmlElement element) throws XmlStreamException {
                if (found[0] != null) {
                    throw new XmlStreamException(io.xsg.xmpp.error.StreamErrorCondition.BAD_FORMAT,
                            "more than one element");
                }
                found[0] = element;
            }

            @Override
            public void onStreamClose() {
            }
        });
        try {
            parser.feed(PREFIX, 0, PREFIX.length);
            byte[] body = xml.getBytes(StandardCharsets.UTF_8);
            parser.feed(body, 0, body.length);
        } catch (XmlStreamException e) {
            throw new IllegalArgumentException("not a stanza: " + e.getMessage(), e);
        } finally {
            parser.close();
        }
        if (found[0] == null) {
            throw new IllegalArgumentException("not a complete stanza");
        }
        return found[0];
    }
}
