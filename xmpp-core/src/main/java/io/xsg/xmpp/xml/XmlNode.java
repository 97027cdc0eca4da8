package io.xsg.xmpp.xml;

/** A node of the immutable element tree: an element or a run of character data. */
public sealed interface XmlNode permits XmlElement, XmlText {
}
