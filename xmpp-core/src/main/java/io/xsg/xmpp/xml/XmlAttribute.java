package io.xsg.xmpp.xml;

import java.util.Objects;

/**
 * An attribute. {@code prefix} and {@code namespace} are "" for an ordinary unprefixed attribute;
 * {@code xml:lang} is prefix {@code xml} in {@link #XML_NAMESPACE}. Namespace declarations are
 * not attributes here: the writer derives them from the prefixes in use.
 */
public record XmlAttribute(String prefix, String namespace, String localName, String value) {

    /** The namespace permanently bound to the {@code xml} prefix. */
    public static final String XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";

    public XmlAttribute {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(localName, "localName");
        Objects.requireNonNull(value, "value");
        if (localName.isEmpty()) {
            throw new IllegalArgumentException("empty attribute name");
        }
        // Unprefixed attributes are in no namespace (XML Namespaces §6.2), so the two go together.
        if (prefix.isEmpty() != namespace.isEmpty()) {
            throw new IllegalArgumentException("attribute prefix and namespace must both be set or both be empty: "
                    + prefix + ":" + localName + " in '" + namespace + "'");
        }
        if (prefix.equals("xmlns") || (prefix.isEmpty() && localName.equals("xmlns"))) {
            throw new IllegalArgumentException("namespace declarations are not attributes");
        }
        if (prefix.equals("xml") != namespace.equals(XML_NAMESPACE)) {
            throw new IllegalArgumentException("prefix xml is bound to " + XML_NAMESPACE + " only");
        }
    }

    /** An unprefixed attribute in no namespace. */
    public static XmlAttribute of(String localName, String value) {
        return new XmlAttribute("", "", localName, value);
    }

    /** {@code xml:lang='lang'}. */
    public static XmlAttribute xmlLang(String lang) {
        return new XmlAttribute("xml", XML_NAMESPACE, "lang", lang);
    }
}
