package io.xsg.xmpp.xml;

import java.util.Objects;

/** Character data, unescaped (entities and CDATA sections already resolved). */
public record XmlText(String text) implements XmlNode {

    public XmlText {
        Objects.requireNonNull(text, "text");
    }
}
