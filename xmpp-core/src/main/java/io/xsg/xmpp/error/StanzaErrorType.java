package io.xsg.xmpp.error;

/** The {@code type} attribute of a stanza {@code <error/>} element (RFC 6120 §8.3.2). */
public enum StanzaErrorType {
    AUTH("auth"),
    CANCEL("cancel"),
    CONTINUE("continue"),
    MODIFY("modify"),
    WAIT("wait");

    private final String value;

    StanzaErrorType(String value) {
        this.value = value;
    }

    /** The attribute value, e.g. {@code cancel}. */
    public String value() {
        return value;
    }
}
