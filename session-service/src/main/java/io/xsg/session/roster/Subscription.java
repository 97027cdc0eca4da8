package io.xsg.session.roster;

/** The {@code subscription} attribute of a roster item (RFC 6121 §2.1.2.5): whose presence flows where. */
public enum Subscription {
    /** Neither sees the other's presence. */
    NONE,
    /** The owner sees the contact's presence. */
    TO,
    /** The contact sees the owner's presence. */
    FROM,
    /** Both ways. */
    BOTH;

    public boolean to() {
        return this == TO || this == BOTH;
    }

    public boolean from() {
        return this == FROM || this == BOTH;
    }

    public static Subscription of(boolean to, boolean from) {
        return to ? (from ? BOTH : TO) : (from ? FROM : NONE);
    }

    /** The attribute value: {@code none}, {@code to}, {@code from}, {@code both}. */
    public String attribute() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
