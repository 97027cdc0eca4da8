package io.xsg.xmpp.ext.delay;

import io.xsg.xmpp.xml.XmlElement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Delayed Delivery (XEP-0203): the stamp a server adds to a stanza it stored. */
public final class Delay {

    public static final String NAMESPACE = "urn:xmpp:delay";

    private Delay() {
    }

    /** The stanza with a {@code <delay/>} child from {@code by}, stamped at {@code at} (UTC, millisecond precision). */
    public static XmlElement stamp(XmlElement stanza, String by, Instant at) {
        var builder = XmlElement.builder(stanza.name(), stanza.namespace()).prefix(stanza.prefix());
        stanza.attributes().forEach(builder::attribute);
        stanza.children().forEach(builder::child);
        return builder.child(XmlElement.builder("delay", NAMESPACE).attribute("from", by)
                .attribute("stamp", at.truncatedTo(ChronoUnit.MILLIS).toString()).build()).build();
    }
}
