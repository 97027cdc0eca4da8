package io.xsg.xmpp.jid;

import java.util.Locale;

/**
 * Where an address leads from this deployment, decided in one place for every service: the server itself, one of its
 * accounts, the SMS bridge ({@code +E164@sms.a.test}), another service of the operator (a subdomain: a component), or
 * another XMPP domain (federation). A new kind of destination is taught here first; routing and the session service
 * then say what they do with it.
 */
public final class Destinations {

    /** The kinds of destination, in the words of DESIGN.md. */
    public enum Kind {
        /** the domain itself ({@code a.test}): answered by the server */
        SERVER,
        /** an account of the domain ({@code joe@a.test}, with or without a resource) */
        ACCOUNT,
        /** a phone number behind the SMS bridge ({@code +1234555666@sms.a.test}) */
        SMS,
        /** another service of the operator: any other subdomain ({@code conference.a.test}) */
        COMPONENT,
        /** another operator's or provider's domain */
        REMOTE
    }

    private final String domain;
    private final String smsDomain;

    /** @param domain the operator's XMPP domain; the SMS bridge answers at {@code sms.<domain>} */
    public Destinations(String domain) {
        this(domain, "sms." + domain);
    }

    public Destinations(String domain, String smsDomain) {
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.smsDomain = smsDomain.toLowerCase(Locale.ROOT);
    }

    public String domain() {
        return domain;
    }

    public String smsDomain() {
        return smsDomain;
    }

    /** @param jid a normalised JID (as the edge stamps them) */
    public Kind kindOf(String jid) {
        return kindOf(JidParts.parse(jid));
    }

    public Kind kindOf(JidParts address) {
        String d = address.domain();
        if (d.equals(domain)) {
            return address.local() == null ? Kind.SERVER : Kind.ACCOUNT;
        }
        if (d.equals(smsDomain)) {
            return Kind.SMS;
        }
        return d.endsWith("." + domain) ? Kind.COMPONENT : Kind.REMOTE;
    }

    /** The username of a bare JID of one of this domain's accounts (which may not exist), or {@code null}. */
    public String username(String bareJid) {
        return username(bareJid, domain);
    }

    /** The username of a bare JID of {@code domain}'s accounts, or {@code null}. */
    public static String username(String bareJid, String domain) {
        int at = bareJid.indexOf('@');
        if (at <= 0 || bareJid.indexOf('/') >= 0 || bareJid.length() != at + 1 + domain.length()
                || !bareJid.regionMatches(at + 1, domain, 0, domain.length())) {
            return null;
        }
        return bareJid.substring(0, at);
    }

    /** Whether a bare JID is one of this domain's accounts' (it may not exist). */
    public boolean isAccount(String bareJid) {
        return username(bareJid) != null;
    }
}
