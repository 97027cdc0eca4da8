package io.xsg.xmpp.xml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An immutable element: prefix, local name, namespace URI, attributes and children. The namespace
 * is "" for none; the prefix is "" for an unprefixed (default-namespace) element. Namespace
 * declarations are not stored; {@link XmlWriter} emits the ones needed.
 *
 * <p>Equality is structural and includes prefixes, attribute order and the split of text into
 * nodes ({@link Builder} and the parser both merge adjacent text, so their trees compare equal).
 */
public final class XmlElement implements XmlNode {

    /** The content namespace {@link #toXml()} assumes is already the default. */

    private final String prefix;
    private final String localName;
    private final String namespace;
    private final List<XmlAttribute> attributes;
    private final List<XmlNode> children;

    public XmlElement(String prefix, String localName, String namespace,
                      List<XmlAttribute> attributes, List<XmlNode> children) {
        this(prefix, localName, namespace, List.copyOf(attributes), List.copyOf(children), true);
    }

    // Trusted path for the parser and builder: the lists are already private and unmodifiable.
    private XmlElement(String prefix, String localName, String namespace,
                       List<XmlAttribute> attributes, List<XmlNode> children, boolean alreadyCopied) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.localName = Objects.requireNonNull(localName, "localName");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        if (localName.isEmpty()) {
            throw new IllegalArgumentException("empty element name");
        }
        if (!prefix.isEmpty() && namespace.isEmpty()) {
            throw new IllegalArgumentException("prefix " + prefix + " needs a namespace");
        }
        this.attributes = attributes;
        this.children = children;
    }

    /** Wraps lists the caller owns exclusively and never touches again (null for none); no copy. */
    static XmlElement trusted(String prefix, String localName, String namespace,
                              ArrayList<XmlAttribute> attributes, ArrayList<XmlNode> children) {
        return new XmlElement(prefix, localName, namespace,
                attributes == null || attributes.isEmpty() ? List.of() : Collections.unmodifiableList(attributes),
                children == null || children.isEmpty() ? List.of() : Collections.unmodifiableList(children), false);
    }

    public static Builder builder(String localName, String namespace) {
        return new Builder(localName, namespace);
    }

    /** The prefix, "" when unprefixed. */
    public String prefix() {
        return prefix;
    }

    /** The local name, e.g. {@code message}. */
    public String name() {
        return localName;
    }

    /** The namespace URI, "" for none. */
    public String namespace() {
        return namespace;
    }

    public List<XmlAttribute> attributes() {
        return attributes;
    }

    public List<XmlNode> children() {
        return children;
    }

    /** The value of the unprefixed attribute {@code localName}, or null. */
    public String attribute(String localName) {
        for (XmlAttribute a : attributes) {
            if (a.prefix().isEmpty() && a.localName().equals(localName)) {
                return a.value();
            }
        }
        return null;
    }

    /** A copy with the unprefixed attribute set: replaced in place if present, else appended. */
    public XmlElement withAttribute(String localName, String value) {
        XmlAttribute replacement = XmlAttribute.of(localName, value);
        ArrayList<XmlAttribute> copy = new ArrayList<>(attributes.size() + 1);
        boolean replaced = false;
        for (XmlAttribute a : attributes) {
            if (!replaced && a.prefix().isEmpty() && a.localName().equals(localName)) {
                copy.add(replacement);
                replaced = true;
            } else {
                copy.add(a);
            }
        }
        if (!replaced) {
            copy.add(replacement);
        }
        return new XmlElement(prefix, this.localName, namespace, Collections.unmodifiableList(copy), children, false);
    }

    /** A copy without the unprefixed attribute; this element if it has none. */
    public XmlElement withoutAttribute(String localName) {
        if (attribute(localName) == null) {
            return this;
        }
        ArrayList<XmlAttribute> copy = new ArrayList<>(attributes.size());
        for (XmlAttribute a : attributes) {
            if (!(a.prefix().isEmpty() && a.localName().equals(localName))) {
                copy.add(a);
            }
        }
        return new XmlElement(prefix, this.localName, namespace, Collections.unmodifiableList(copy), children, false);
    }

    /** The first child element with this local name and namespace, or null. */
    public XmlElement firstChild(String localName, String namespace) {
        for (XmlNode n : children) {
            if (n instanceof XmlElement e && e.localName.equals(localName) && e.namespace.equals(namespace)) {
                return e;
            }
        }
        return null;
    }

    /** The child elements, text left out. */
    public List<XmlElement> childElements() {
        ArrayList<XmlElement> elements = new ArrayList<>(children.size());
        for (XmlNode n : children) {
            if (n instanceof XmlElement e) {
                elements.add(e);
            }
        }
        return Collections.unmodifiableList(elements);
    }

    /** The direct text children concatenated; "" if none. Text inside child elements is not included. */
    public String text() {
        String single = null;
        StringBuilder many = null;
        for (XmlNode n : children) {
            if (n instanceof XmlText t) {
                if (single == null) {
                    single = t.text();
                } else {
                    if (many == null) {
                        many = new StringBuilder(single);
                    }
                    many.append(t.text());
                }
            }
        }
        return many != null ? many.toString() : single != null ? single : "";
    }

    /**
     * Serialises as it would appear at the top level of a stream: a stanza inside a stream of its own namespace
     * ({@code jabber:client} or {@code jabber:server}, so without {@code xmlns}), anything else with its namespace
     * declared. To write into a stream of another default namespace, use {@link XmlWriter#toXml}.
     */
    public String toXml() {
        return XmlWriter.toXml(this, Namespaces.isStanzaNamespace(namespace) ? namespace : "");
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof XmlElement e
                && localName.equals(e.localName)
                && namespace.equals(e.namespace)
                && prefix.equals(e.prefix)
                && attributes.equals(e.attributes)
                && children.equals(e.children);
    }

    @Override
    public int hashCode() {
        int h = localName.hashCode();
        h = 31 * h + namespace.hashCode();
        h = 31 * h + prefix.hashCode();
        h = 31 * h + attributes.hashCode();
        return 31 * h + children.hashCode();
    }

    @Override
    public String toString() {
        return toXml();
    }

    /** Builds an element; adjacent text is merged into one node and empty text is dropped. */
    public static final class Builder {
        private final String localName;
        private final String namespace;
        private String prefix = "";
        private final ArrayList<XmlAttribute> attributes = new ArrayList<>();
        private final ArrayList<XmlNode> children = new ArrayList<>();
        private boolean built;

        private Builder(String localName, String namespace) {
            this.localName = Objects.requireNonNull(localName, "localName");
            this.namespace = Objects.requireNonNull(namespace, "namespace");
        }

        public Builder prefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** Appends an unprefixed attribute. */
        public Builder attribute(String localName, String value) {
            return attribute(XmlAttribute.of(localName, value));
        }

        public Builder attribute(XmlAttribute attribute) {
            attributes.add(Objects.requireNonNull(attribute, "attribute"));
            return this;
        }

        public Builder child(XmlNode node) {
            if (node instanceof XmlText t) {
                return text(t.text());
            }
            children.add(Objects.requireNonNull(node, "node"));
            return this;
        }

        public Builder text(String text) {
            if (text.isEmpty()) {
                return this;
            }
            int last = children.size() - 1;
            if (last >= 0 && children.get(last) instanceof XmlText previous) {
                children.set(last, new XmlText(previous.text() + text));
            } else {
                children.add(new XmlText(text));
            }
            return this;
        }

        public XmlElement build() {
            // The element takes the builder's lists without copying, so a builder is single-use.
            if (built) {
                throw new IllegalStateException("builder already used");
            }
            built = true;
            return trusted(prefix, localName, namespace, attributes, children);
        }
    }
}
