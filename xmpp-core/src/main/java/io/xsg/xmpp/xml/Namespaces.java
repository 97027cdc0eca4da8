package io.xsg.xmpp.xml;

/** The XML namespaces of RFC 6120/6121 and the core extensions, in one place. */
public final class Namespaces {

    /** Stanzas on a client stream (RFC 6120 §4.8.3). */
    public static final String CLIENT = "jabber:client";
    /** Stanzas on a server-to-server stream. */
    public static final String SERVER = "jabber:server";
    /** Server Dialback (XEP-0220): the {@code db:} elements of a server-to-server stream. */
    public static final String DIALBACK = "jabber:server:dialback";
    /** The stream feature announcing dialback, with its error handling (XEP-0220 §2.4). */
    public static final String DIALBACK_FEATURE = "urn:xmpp:features:dialback";
    public static final String STREAMS = "http://etherx.jabber.org/streams";
    public static final String STREAM_ERRORS = "urn:ietf:params:xml:ns:xmpp-streams";
    public static final String STANZA_ERRORS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    public static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";
    public static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    public static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    /** The legacy session establishment (RFC 3921 §3), still asked for by old clients. */
    public static final String SESSION = "urn:ietf:params:xml:ns:xmpp-session";
    public static final String ROSTER = "jabber:iq:roster";
    /** In-band registration (XEP-0077). */
    public static final String REGISTER = "jabber:iq:register";
    public static final String REGISTER_FEATURE = "http://jabber.org/features/iq-register";
    public static final String ROSTER_VERSIONING_FEATURE = "urn:xmpp:features:rosterver";
    public static final String PRE_APPROVAL_FEATURE = "urn:xmpp:features:pre-approval";
    /** Stream Management (XEP-0198). */
    public static final String SM = "urn:xmpp:sm:3";
    public static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    public static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";
    public static final String PING = "urn:xmpp:ping";
    /** Message delivery receipts (XEP-0184). */
    public static final String RECEIPTS = "urn:xmpp:receipts";
    public static final String FORWARD = "urn:xmpp:forward:0";
    public static final String DELAY = "urn:xmpp:delay";

    private Namespaces() {
    }

    /** Whether {@code ns} is a stanza namespace: {@code jabber:client} or {@code jabber:server}. */
    public static boolean isStanzaNamespace(String ns) {
        return CLIENT.equals(ns) || SERVER.equals(ns);
    }
}
