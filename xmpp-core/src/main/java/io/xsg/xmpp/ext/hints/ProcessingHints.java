package io.xsg.xmpp.ext.hints;

import io.xsg.xmpp.xml.XmlElement;

/** Message Processing Hints (XEP-0334): what a sender asks servers to store or copy. */
public final class ProcessingHints {

    public static final String NAMESPACE = "urn:xmpp:hints";

    private ProcessingHints() {
    }

    public static boolean has(XmlElement message, String hint) {
        return message.firstChild(hint, NAMESPACE) != null;
    }

    /** {@code <no-store/>} or {@code <no-permanent-store/>}: not for offline storage. */
    public static boolean noStore(XmlElement message) {
        return has(message, "no-store") || has(message, "no-permanent-store");
    }
}
