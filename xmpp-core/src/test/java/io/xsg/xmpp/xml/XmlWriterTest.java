package io.xsg.xmpp.xml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XmlWriterTest {

    @Test
    void omitsTheEnclosingDefaultNamespaceAndDeclaresOthers() {
        XmlElement message = XmlElement.builder("message", "jabber:client")
                .attribute("to", "romeo@example.net")
                .attribute(XmlAttribute.xmlLang("en"))
                .child(XmlElement.builder("body", "jabber:client").text("hi").build())
                .child(XmlElement.builder("request", "urn:xmpp:receipts").build())
                .child(XmlElement.builder("x", "jabber:x:data")
                        .child(XmlElement.builder("field", "jabber:x:data").build()).build())
                .build();

        assertThat(XmlWriter.toXml(message, "jabber:client")).isEqualTo(
                "<message to='romeo@example.net' xml:lang='en'><body>hi</body>"
                        + "<request xmlns='urn:xmpp:receipts'/><x xmlns='jabber:x:data'><field/></x></message>");
        assertThat(XmlWriter.toXml(message, "jabber:server")).startsWith("<message xmlns='jabber:client' to=");
        assertThat(XmlWriter.toXml(message, "")).startsWith("<message xmlns='jabber:client' to=");
    }

    @Test
    void undeclaresTheDefaultNamespaceForUnqualifiedChildren() {
        XmlElement e = XmlElement.builder("message", "jabber:client").child(XmlElement.builder("plain", "").build()).build();

        assertThat(e.toXml()).isEqualTo("<message><plain xmlns=''/></message>");
    }

    @Test
    void declaresEachPrefixOncePerScope() {
        XmlElement inner = XmlElement.builder("point", "urn:geo").prefix("geo").text("1 2").build();
        XmlElement entry = XmlElement.builder("entry", "urn:atom")
                .attribute(new XmlAttribute("geo", "urn:geo", "kind", "x"))
                .child(inner)
                .child(XmlElement.builder("other", "urn:geo2").prefix("geo").build())
                .build();
        XmlElement item = XmlElement.builder("item", "jabber:client").child(entry).child(inner).build();

        assertThat(item.toXml()).isEqualTo("<item><entry xmlns='urn:atom' xmlns:geo='urn:geo' geo:kind='x'>"
                + "<geo:point>1 2</geo:point><geo:other xmlns:geo='urn:geo2'/></entry>"
                + "<geo:point xmlns:geo='urn:geo'>1 2</geo:point></item>");
    }

    @Test
    void escapesTextAndAttributes() {
        XmlElement e = XmlElement.builder("body", "jabber:client")
                .attribute("a", "<&>'\"")
                .text("<&>'\" ]]>")
                .build();

        assertThat(e.toXml()).isEqualTo("<body a='&lt;&amp;&gt;&apos;&quot;'>&lt;&amp;&gt;'\" ]]&gt;</body>");
    }

    @Test
    void protectsWhitespaceFromNormalisation() {
        XmlElement e = XmlElement.builder("body", "jabber:client").attribute("a", "1\t2\n3\r4").text("x\ty\nz\r").build();

        assertThat(e.toXml()).isEqualTo("<body a='1&#x9;2&#xA;3&#xD;4'>x\ty\nz&#xD;</body>");
    }

    @Test
    void replacesCharactersXmlCannotCarry() {
        XmlElement e = XmlElement.builder("body", "jabber:client")
                .attribute("a", "\u0000")
                .text("a\u0001b\u001Fc\uD800d\uDC00e\uFFFEf\uFFFF😀\uE000\uFFFD")
                .build();

        assertThat(e.toXml()).isEqualTo("<body a='\uFFFD'>a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFD😀\uE000\uFFFD</body>");
    }

    @Test
    void appendsToTheGivenBuilder() {
        StringBuilder out = new StringBuilder("<stream:stream>");

        XmlWriter.write(XmlElement.builder("presence", "jabber:client").build(), "jabber:client", out);

        assertThat(out).hasToString("<stream:stream><presence/>");
    }

    @Test
    void escapingHelpersLeavePlainTextAlone() {
        StringBuilder out = new StringBuilder();
        XmlWriter.appendEscapedText("plain ascii 123 é 日本", out);
        XmlWriter.appendEscapedAttribute("a=b", out);

        assertThat(out).hasToString("plain ascii 123 é 日本a=b");
    }
}
