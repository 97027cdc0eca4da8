package io.xsg.xmpp.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class XmlElementTest {

    private final XmlElement message = XmlElement.builder("message", "jabber:client")
            .attribute("to", "romeo@example.net")
            .attribute("type", "chat")
            .attribute(XmlAttribute.xmlLang("en"))
            .child(XmlElement.builder("body", "jabber:client").text("Hello").text(", ").text("world").build())
            .child(XmlElement.builder("request", "urn:xmpp:receipts").build())
            .text("tail")
            .build();

    @Test
    void accessors() {
        assertThat(message.name()).isEqualTo("message");
        assertThat(message.namespace()).isEqualTo("jabber:client");
        assertThat(message.prefix()).isEmpty();
        assertThat(message.attribute("to")).isEqualTo("romeo@example.net");
        assertThat(message.attribute("lang")).isNull();
        assertThat(message.attribute("from")).isNull();
        assertThat(message.firstChild("request", "urn:xmpp:receipts")).isNotNull();
        assertThat(message.firstChild("request", "jabber:client")).isNull();
        assertThat(message.childElements()).extracting(XmlElement::name).containsExactly("body", "request");
        assertThat(message.text()).isEqualTo("tail");
        assertThat(XmlElement.builder("x", "").build().text()).isEmpty();
    }

    @Test
    void builderMergesAdjacentTextAndDropsEmptyText() {
        XmlElement body = message.firstChild("body", "jabber:client");

        assertThat(body.children()).containsExactly(new XmlText("Hello, world"));
        assertThat(XmlElement.builder("b", "").text("").build().children()).isEmpty();
        assertThat(XmlElement.builder("b", "").child(new XmlText("a")).text("b").build())
                .isEqualTo(XmlElement.builder("b", "").text("ab").build());
    }

    @Test
    void textConcatenatesSeveralTextNodes() {
        XmlElement e = new XmlElement("", "b", "", List.of(), List.of(new XmlText("a"), XmlElement.builder("i", "").text("x").build(), new XmlText("c")));

        assertThat(e.text()).isEqualTo("ac");
    }

    @Test
    void withAttributeReplacesInPlaceOrAppends() {
        XmlElement replaced = message.withAttribute("to", "juliet@example.com");
        XmlElement appended = message.withAttribute("id", "42");

        assertThat(replaced.attributes()).extracting(XmlAttribute::localName).containsExactly("to", "type", "lang");
        assertThat(replaced.attribute("to")).isEqualTo("juliet@example.com");
        assertThat(appended.attributes()).extracting(XmlAttribute::localName).containsExactly("to", "type", "lang", "id");
        assertThat(message.attribute("to")).as("original unchanged").isEqualTo("romeo@example.net");
        assertThat(replaced.children()).isSameAs(message.children());
    }

    @Test
    void withoutAttributeRemovesOnlyTheUnprefixedOne() {
        XmlElement e = message.withoutAttribute("type").withoutAttribute("lang");

        assertThat(e.attributes()).containsExactly(XmlAttribute.of("to", "romeo@example.net"), XmlAttribute.xmlLang("en"));
        assertThat(message.withoutAttribute("nope")).isSameAs(message);
    }

    @Test
    void listsAreUnmodifiableAndCopiedFromTheCaller() {
        List<XmlNode> children = new ArrayList<>(List.of(new XmlText("a")));
        XmlElement e = new XmlElement("", "b", "", List.of(), children);
        children.add(new XmlText("b"));

        assertThat(e.children()).hasSize(1);
        assertThatThrownBy(() -> e.children().add(new XmlText("c"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> message.attributes().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> message.childElements().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equalityIsStructural() {
        XmlElement same = XmlElement.builder("message", "jabber:client")
                .attribute("to", "romeo@example.net")
                .attribute("type", "chat")
                .attribute(XmlAttribute.xmlLang("en"))
                .child(XmlElement.builder("body", "jabber:client").text("Hello, world").build())
                .child(XmlElement.builder("request", "urn:xmpp:receipts").build())
                .text("tail")
                .build();

        assertThat(same).isEqualTo(message).hasSameHashCodeAs(message);
        assertThat(message.withAttribute("type", "normal")).isNotEqualTo(message);
        assertThat(XmlElement.builder("a", "urn:x").prefix("p").build()).isNotEqualTo(XmlElement.builder("a", "urn:x").build());
        assertThat(message.toString()).isEqualTo(message.toXml());
    }

    @Test
    void invalidNamesAreRejected() {
        assertThatThrownBy(() -> XmlElement.builder("", "urn:x").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> XmlElement.builder("a", "").prefix("p").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new XmlAttribute("", "urn:x", "a", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new XmlAttribute("p", "", "a", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> XmlAttribute.of("xmlns", "urn:x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new XmlAttribute("xml", "urn:x", "lang", "en")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> XmlAttribute.of("a", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void builderIsSingleUse() {
        XmlElement.Builder b = XmlElement.builder("a", "");
        b.build();

        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class);
    }
}
