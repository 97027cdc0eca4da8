package io.xsg.xmpp.stanza;

import io.xsg.xmpp.xml.XmlElement;

/** What the server reads from a presence stanza. */
public final class Presence {

    private Presence() {
    }

    /**
     * The resource's priority (RFC 6121 §4.7.2.3): -128 to 127, 0 when absent or not a number, clamped when out of
     * range. Read in the stanza's own namespace, client or server.
     */
    public static int priority(XmlElement presence) {
        XmlElement p = presence.firstChild("priority", presence.namespace());
        if (p == null) {
            return 0;
        }
        try {
            return Math.max(-128, Math.min(127, Integer.parseInt(p.text().trim())));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
