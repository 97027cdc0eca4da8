package io.xsg.xmpp.error;

import io.xsg.xmpp.xml.XmlWriter;

/**
 * Defined stream error conditions of RFC 6120 §4.9.3. A stream error is always fatal: the
 * sender writes {@link #toXml(String)} followed by {@code </stream:stream>} and closes.
 */
public enum StreamErrorCondition {
    BAD_FORMAT("bad-format"),
    BAD_NAMESPACE_PREFIX("bad-namespace-prefix"),
    CONFLICT("conflict"),
    CONNECTION_TIMEOUT("connection-timeout"),
    HOST_GONE("host-gone"),
    HOST_UNKNOWN("host-unknown"),
    IMPROPER_ADDRESSING("improper-addressing"),
    INTERNAL_SERVER_ERROR("internal-server-error"),
    INVALID_FROM("invalid-from"),
    INVALID_NAMESPACE("invalid-namespace"),
    INVALID_XML("invalid-xml"),
    NOT_AUTHORIZED("not-authorized"),
    NOT_WELL_FORMED("not-well-formed"),
    POLICY_VIOLATION("policy-violation"),
    REMOTE_CONNECTION_FAILED("remote-connection-failed"),
    RESET("reset"),
    RESOURCE_CONSTRAINT("resource-constraint"),
    RESTRICTED_XML("restricted-xml"),
    SEE_OTHER_HOST("see-other-host"),
    SYSTEM_SHUTDOWN("system-shutdown"),
    UNDEFINED_CONDITION("undefined-condition"),
    UNSUPPORTED_ENCODING("unsupported-encoding"),
    UNSUPPORTED_FEATURE("unsupported-feature"),
    UNSUPPORTED_STANZA_TYPE("unsupported-stanza-type"),
    UNSUPPORTED_VERSION("unsupported-version");

    /** Namespace of the condition and {@code <text/>} elements inside {@code <stream:error/>}. */
    public static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-streams";

    private final String elementName;
    // The condition without text never changes, so it is built once.
    private final String bareXml;

    StreamErrorCondition(String elementName) {
        this.elementName = elementName;
        this.bareXml = "<stream:error><" + elementName + " xmlns='" + NAMESPACE + "'/></stream:error>";
    }

    /** The condition element's name, e.g. {@code restricted-xml}. */
    public String elementName() {
        return elementName;
    }

    /**
     * The {@code <stream:error/>} element, written inside an open stream where the {@code stream}
     * prefix is already bound. {@code see-other-host} carries its host in the condition element,
     * which this method does not write; put the host in the text if needed.
     *
     * @param textOrNull human-readable description, escaped here; null or empty for none
     */
    public String toXml(String textOrNull) {
        if (textOrNull == null || textOrNull.isEmpty()) {
            return bareXml;
        }
        StringBuilder out = new StringBuilder(bareXml.length() + 64 + textOrNull.length());
        out.append("<stream:error><").append(elementName).append(" xmlns='").append(NAMESPACE)
                .append("'/><text xmlns='").append(NAMESPACE).append("'>");
        XmlWriter.appendEscapedText(textOrNull, out);
        return out.append("</text></stream:error>").toString();
    }

    /** Looks a condition up by its element name; null if it is not an RFC 6120 condition. */
    public static StreamErrorCondition fromElementName(String elementName) {
        for (StreamErrorCondition c : values()) {
            if (c.elementName.equals(elementName)) {
                return c;
            }
        }
        return null;
    }
}
