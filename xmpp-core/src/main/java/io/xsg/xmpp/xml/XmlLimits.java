package io.xsg.xmpp.xml;

/**
 * Limits {@link XmlStreamParser} enforces; exceeding any of them is a
 * {@code policy-violation} stream error.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>limit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>maxStanzaBytes</td><td>{@value #DEFAULT_MAX_STANZA_BYTES}</td>
 *       <td>bytes of one top-level element, counted from the end of the previous one (or of the
 *       stream header), so whitespace between stanzas counts too</td></tr>
 *   <tr><td>maxDepth</td><td>{@value #DEFAULT_MAX_DEPTH}</td>
 *       <td>element nesting, {@code <stream:stream>} being depth 1 and a stanza depth 2</td></tr>
 *   <tr><td>maxAttributes</td><td>{@value #DEFAULT_MAX_ATTRIBUTES}</td>
 *       <td>attributes plus namespace declarations on one element</td></tr>
 *   <tr><td>maxStreamHeaderBytes</td><td>{@value #DEFAULT_MAX_STREAM_HEADER_BYTES}</td>
 *       <td>bytes up to the end of the {@code <stream:stream>} start tag, XML declaration
 *       included</td></tr>
 * </table>
 */
public record XmlLimits(int maxStanzaBytes, int maxDepth, int maxAttributes, int maxStreamHeaderBytes) {

    public static final int DEFAULT_MAX_STANZA_BYTES = 65536;
    public static final int DEFAULT_MAX_DEPTH = 32;
    public static final int DEFAULT_MAX_ATTRIBUTES = 64;
    public static final int DEFAULT_MAX_STREAM_HEADER_BYTES = 4096;

    private static final XmlLimits DEFAULTS = new XmlLimits(DEFAULT_MAX_STANZA_BYTES, DEFAULT_MAX_DEPTH,
            DEFAULT_MAX_ATTRIBUTES, DEFAULT_MAX_STREAM_HEADER_BYTES);

    public XmlLimits {
        requirePositive(maxStanzaBytes, "maxStanzaBytes");
        // Depth 1 is the stream itself; a stanza needs depth 2.
        if (maxDepth < 2) {
            throw new IllegalArgumentException("maxDepth must be at least 2 (stream + stanza): " + maxDepth);
        }
        requirePositive(maxAttributes, "maxAttributes");
        requirePositive(maxStreamHeaderBytes, "maxStreamHeaderBytes");
    }

    public static XmlLimits defaults() {
        return DEFAULTS;
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0: " + value);
        }
    }
}
