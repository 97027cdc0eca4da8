package io.xsg.xmpp.xml;

/**
 * Serialises an {@link XmlElement} into an already open stream. Attributes are single-quoted.
 *
 * <p>Namespace declarations are derived, not stored: {@code xmlns='…'} goes on an unprefixed
 * element whose namespace differs from the default in scope, and {@code xmlns:p='…'} on the
 * first element that uses a prefix not yet bound to that URI. The {@code xml} prefix is never
 * declared.
 *
 * <p>Characters XML 1.0 cannot carry (most C0 controls, unpaired surrogates, U+FFFE, U+FFFF) are
 * written as U+FFFD: text from SMS or other sources may hold them, and one such character would
 * otherwise make the peer drop the whole stream as not-well-formed. {@code \r} is written as a
 * character reference so that the peer's line-end normalisation does not turn it into {@code \n};
 * in attributes tab and newline are too, for attribute-value normalisation.
 *
 * <p>This is on the hot path of every outbound stanza: one pass, one {@link StringBuilder}.
 */
public final class XmlWriter {

    private static final String REPLACEMENT = "\uFFFD";
    // Replacements for chars below '?' (0x3F); null means "write as is".
    private static final String[] TEXT_ESCAPES = new String[0x3F];
    private static final String[] ATTRIBUTE_ESCAPES = new String[0x3F];

    static {
        for (int c = 0; c < 0x20; c++) {
            TEXT_ESCAPES[c] = REPLACEMENT;
        }
        TEXT_ESCAPES['\t'] = null;
        TEXT_ESCAPES['\n'] = null;
        TEXT_ESCAPES['\r'] = "&#xD;";
        TEXT_ESCAPES['&'] = "&amp;";
        TEXT_ESCAPES['<'] = "&lt;";
        TEXT_ESCAPES['>'] = "&gt;";
        System.arraycopy(TEXT_ESCAPES, 0, ATTRIBUTE_ESCAPES, 0, TEXT_ESCAPES.length);
        ATTRIBUTE_ESCAPES['\t'] = "&#x9;";
        ATTRIBUTE_ESCAPES['\n'] = "&#xA;";
        ATTRIBUTE_ESCAPES['\''] = "&apos;";
        ATTRIBUTE_ESCAPES['"'] = "&quot;";
    }

    private final StringBuilder out;
    // In-scope prefix bindings as (prefix, uri) pairs, innermost last; allocated on first use
    // since most stanzas have no prefixed names.
    private String[] bindings;
    private int bindingCount;

    private XmlWriter(StringBuilder out) {
        this.out = out;
    }

    /**
     * Appends {@code element} to {@code out}.
     *
     * @param enclosingDefaultNamespace the default namespace in scope where the element is
     *        written, e.g. {@code jabber:client} inside a client stream; "" for none
     */
    public static void write(XmlElement element, String enclosingDefaultNamespace, StringBuilder out) {
        new XmlWriter(out).element(element, enclosingDefaultNamespace);
    }

    /** {@link #write} into a new string. */
    public static String toXml(XmlElement element, String enclosingDefaultNamespace) {
        StringBuilder out = new StringBuilder(256);
        write(element, enclosingDefaultNamespace, out);
        return out.toString();
    }

    /** Appends character data escaped for element content. */
    public static void appendEscapedText(CharSequence text, StringBuilder out) {
        escape(text, TEXT_ESCAPES, out);
    }

    /** Appends a value escaped for a quoted attribute (either quote style). */
    public static void appendEscapedAttribute(CharSequence value, StringBuilder out) {
        escape(value, ATTRIBUTE_ESCAPES, out);
    }

    private void element(XmlElement e, String defaultNamespace) {
        int scopeMark = bindingCount;
        String prefix = e.prefix();
        out.append('<');
        if (!prefix.isEmpty()) {
            out.append(prefix).append(':');
        }
        out.append(e.name());
        String childDefault = defaultNamespace;
        if (prefix.isEmpty()) {
            if (!e.namespace().equals(defaultNamespace)) {
                out.append(" xmlns='");
                appendEscapedAttribute(e.namespace(), out);
                out.append('\'');
                childDefault = e.namespace();
            }
        } else {
            declare(prefix, e.namespace());
        }
        var attributes = e.attributes();
        for (int i = 0, n = attributes.size(); i < n; i++) {
            XmlAttribute a = attributes.get(i);
            if (!a.prefix().isEmpty()) {
                declare(a.prefix(), a.namespace());
            }
        }
        for (int i = 0, n = attributes.size(); i < n; i++) {
            XmlAttribute a = attributes.get(i);
            out.append(' ');
            if (!a.prefix().isEmpty()) {
                out.append(a.prefix()).append(':');
            }
            out.append(a.localName()).append("='");
            appendEscapedAttribute(a.value(), out);
            out.append('\'');
        }
        var children = e.children();
        if (children.isEmpty()) {
            out.append("/>");
        } else {
            out.append('>');
            for (int i = 0, n = children.size(); i < n; i++) {
                XmlNode child = children.get(i);
                if (child instanceof XmlText t) {
                    appendEscapedText(t.text(), out);
                } else {
                    element((XmlElement) child, childDefault);
                }
            }
            out.append("</");
            if (!prefix.isEmpty()) {
                out.append(prefix).append(':');
            }
            out.append(e.name()).append('>');
        }
        bindingCount = scopeMark;
    }

    private void declare(String prefix, String uri) {
        if (prefix.equals("xml")) {
            return;
        }
        for (int i = bindingCount - 2; i >= 0; i -= 2) {
            if (bindings[i].equals(prefix)) {
                if (bindings[i + 1].equals(uri)) {
                    return;
                }
                break;
            }
        }
        if (bindings == null) {
            bindings = new String[8];
        } else if (bindingCount == bindings.length) {
            bindings = java.util.Arrays.copyOf(bindings, bindingCount * 2);
        }
        bindings[bindingCount++] = prefix;
        bindings[bindingCount++] = uri;
        out.append(" xmlns:").append(prefix).append("='");
        appendEscapedAttribute(uri, out);
        out.append('\'');
    }

    private static void escape(CharSequence s, String[] table, StringBuilder out) {
        int len = s.length();
        int start = 0;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            String replacement;
            if (c < 0x3F) {
                replacement = table[c];
                if (replacement == null) {
                    continue;
                }
            } else if (c < 0xD800) {
                continue;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            } else if (c >= 0xE000 && c < 0xFFFE) {
                continue;
            } else {
                replacement = REPLACEMENT;
            }
            out.append(s, start, i).append(replacement);
            start = i + 1;
        }
        out.append(s, start, len);
    }
}
