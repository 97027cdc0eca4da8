package io.xsg.xmpp.stanza;

import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.StreamHeader;
import io.xsg.xmpp.xml.XmlElement;
import io.xsg.xmpp.xml.XmlLimits;
import io.xsg.xmpp.xml.XmlStreamException;
import io.xsg.xmpp.xml.XmlStreamListener;
import io.xsg.xmpp.xml.XmlStreamParser;
import java.nio.charset.StandardCharsets;

/** Stanzas kept as text between services (Kafka events) and read back where a service needs their content. */
public final class Stanzas {

    private static final byte[] CLIENT_PREFIX = prefix(Namespaces.CLIENT);
    private static final byte[] SERVER_PREFIX = prefix(Namespaces.SERVER);

    /** Generous: the edge has already enforced its own, smaller limit on what it accepted. */
    private static final XmlLimits LIMITS = new XmlLimits(4 * 1024 * 1024, 64, 128, 4096);

    private Stanzas() {
    }

    private static byte[] prefix(String namespace) {
        return ("<stream:stream xmlns='" + namespace + "' xmlns:stream='" + Namespaces.STREAMS + "'>")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses one stanza as services pass them to each other: serialised in {@code jabber:client}, the gateway's
     * internal form whatever stream it came from (as in Prosody and ejabberd).
     *
     * @throws IllegalArgumentException if the text is not exactly one well-formed element
     */
    public static XmlElement parse(String xml) {
        return parse(xml, Namespaces.CLIENT);
    }

    /**
     * Parses one stanza serialised in the default namespace {@code streamNamespace} ({@code jabber:client} or
     * {@code jabber:server}).
     *
     * @throws IllegalArgumentException if the text is not exactly one well-formed element
     */
    public static XmlElement parse(String xml, String streamNamespace) {
        byte[] prefix = Namespaces.SERVER.equals(streamNamespace) ? SERVER_PREFIX : CLIENT_PREFIX;
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
            parser.feed(prefix, 0, prefix.length);
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
