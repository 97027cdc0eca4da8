package io.xsg.xmpp.jid;

/**
 * A JID already normalised by the edge (PRECIS applied once, at the edge), split without another round of
 * preparation: services downstream of the edge only compare and split.
 *
 * @param local    the localpart, or {@code null} for a domain JID
 * @param domain   the domainpart
 * @param resource the resourcepart, or {@code null} for a bare JID
 */
public record JidParts(String local, String domain, String resource) {

    public static JidParts parse(String jid) {
        int slash = jid.indexOf('/');
        String barePart = slash < 0 ? jid : jid.substring(0, slash);
        String resource = slash < 0 ? null : jid.substring(slash + 1);
        int at = barePart.indexOf('@');
        return at < 0 ? new JidParts(null, barePart, resource)
                : new JidParts(barePart.substring(0, at), barePart.substring(at + 1), resource);
    }

    /** The bare JID of a normalised JID, without allocating a record. */
    public static String bare(String jid) {
        int slash = jid.indexOf('/');
        return slash < 0 ? jid : jid.substring(0, slash);
    }

    /** The domainpart of a normalised JID. */
    public static String domainOf(String jid) {
        int slash = jid.indexOf('/');
        int end = slash < 0 ? jid.length() : slash;
        int at = jid.lastIndexOf('@', end);
        return jid.substring(at + 1, end);
    }

    public String bare() {
        return local == null ? domain : local + "@" + domain;
    }

    public boolean isFull() {
        return resource != null;
    }
}
