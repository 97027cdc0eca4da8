package io.xsg.xmpp.xml;

/**
 * Attributes of a received {@code <stream:stream>} start tag (RFC 6120 §4.7). Absent attributes
 * are null; {@code contentNamespace} is the default namespace declared on it, e.g.
 * {@code jabber:client}, or null if none was declared.
 */
public record StreamHeader(String to, String from, String id, String version, String lang, String contentNamespace) {
}
