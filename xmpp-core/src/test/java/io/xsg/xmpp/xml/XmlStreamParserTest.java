package io.xsg.xmpp.xml;

import static io.xsg.xmpp.xml.Streams.HEADER;
import static io.xsg.xmpp.xml.Streams.concat;
import static io.xsg.xmpp.xml.Streams.resource;
import static io.xsg.xmpp.xml.Streams.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.xsg.xmpp.error.StreamErrorCondition;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XmlStreamParserTest {

    private final RecordingListener listener = new RecordingListener();
    private final XmlStreamParser parser = new XmlStreamParser(XmlLimits.defaults(), listener);

    @Test
    void parsesRealisticClientStream() throws Exception {
        Streams.feedWhole(parser, resource("client-stream.xml"));

        assertThat(listener.header).isEqualTo(new StreamHeader("im.example.com", "juliet@im.example.com", null, "1.0", "en", "jabber:client"));
        assertThat(listener.elements).extracting(XmlElement::name).containsExactly("message", "presence", "iq", "iq");
        assertThat(listener.closed).isTrue();

        XmlElement message = listener.elements.get(0);
        assertThat(message.namespace()).isEqualTo("jabber:client");
        assertThat(message.prefix()).isEmpty();
        assertThat(message.attribute("id")).isEqualTo("ktx72v49");
        assertThat(message.attribute("type")).isEqualTo("chat");
        assertThat(message.attribute("lang")).as("xml:lang is not the unprefixed lang").isNull();
        assertThat(message.attributes()).contains(XmlAttribute.xmlLang("en"));
        assertThat(message.firstChild("body", "jabber:client").text())
                .isEqualTo("Art thou not Romeo, and a Montague? <3 & café 😀 日本");
        assertThat(message.firstChild("request", "urn:xmpp:receipts")).isNotNull();
        assertThat(message.firstChild("request", "jabber:client")).isNull();
        assertThat(message.childElements()).extracting(XmlElement::name).containsExactly("body", "request", "thread");

        XmlElement presence = listener.elements.get(1);
        assertThat(presence.firstChild("status", "jabber:client").text()).isEqualTo("à <demain>");
        assertThat(presence.firstChild("c", "http://jabber.org/protocol/caps").attribute("ver"))
                .isEqualTo("QgayPKawpkPSDYmwT/WM94uAlu0=");

        XmlElement roster = listener.elements.get(2);
        assertThat(roster.children()).containsExactly(XmlElement.builder("query", "jabber:iq:roster").build());

        XmlElement entry = listener.elements.get(3).firstChild("pubsub", "http://jabber.org/protocol/pubsub")
                .firstChild("publish", "http://jabber.org/protocol/pubsub").childElements().get(0).childElements().get(0);
        XmlElement point = entry.firstChild("point", "http://www.georss.org/georss");
        assertThat(point.prefix()).isEqualTo("geo");
        assertThat(point.text()).isEqualTo("45.256 -71.92");
        XmlElement title = entry.firstChild("title", "http://www.w3.org/2005/Atom");
        assertThat(title.attributes()).containsExactly(new XmlAttribute("x", "urn:x", "kind", "plain"));
        assertThat(title.text()).isEqualTo("quote ' \"");
    }

    @Test
    void chunkingDoesNotChangeTheResult() throws Exception {
        byte[] stream = resource("client-stream.xml");
        Streams.feedWhole(parser, stream);
        List<Object> expected = listener.events;
        assertThat(expected).hasSize(6);

        assertThat(parse(p -> Streams.feedBytewise(p, stream))).isEqualTo(expected);
        for (long seed = 0; seed < 20; seed++) {
            long s = seed;
            assertThat(parse(p -> Streams.feedRandom(p, stream, s))).as("seed %d", seed).isEqualTo(expected);
        }
        assertThat(parse(p -> Streams.feedCopied(p, stream, 5))).isEqualTo(expected);
    }

    @Test
    void serialisedElementsParseBackEqual() throws Exception {
        Streams.feedWhole(parser, resource("client-stream.xml"));
        StringBuilder again = new StringBuilder(HEADER);
        for (XmlElement e : listener.elements) {
            XmlWriter.write(e, "jabber:client", again);
        }
        RecordingListener second = new RecordingListener();
        new XmlStreamParser(XmlLimits.defaults(), second).feed(utf8(again.toString()), 0, utf8(again.toString()).length);

        assertThat(second.elements).isEqualTo(listener.elements);
    }

    @Test
    void builtElementWithAwkwardContentRoundTrips() throws Exception {
        XmlElement built = XmlElement.builder("message", "jabber:client")
                .attribute("to", "a&b<c>'d\"e\tf\ng\rh")
                .attribute(XmlAttribute.xmlLang("de"))
                .child(XmlElement.builder("body", "jabber:client").text("1 < 2 && 3 > 2\r\nok ]]> 'q' \"d\" 😀").build())
                .child(XmlElement.builder("x", "").text("no namespace").build())
                .child(XmlElement.builder("item", "urn:p").prefix("p")
                        .attribute(new XmlAttribute("p", "urn:p", "a", "1"))
                        .child(XmlElement.builder("inner", "urn:p").prefix("p").build()).build())
                .build();
        byte[] stream = utf8(HEADER + built.toXml());

        Streams.feedBytewise(parser, stream);

        assertThat(listener.elements).containsExactly(built);
    }

    @Test
    void xmlDeclarationWhitespaceAndStrayTextBetweenStanzasAreIgnored() throws Exception {
        Streams.feedWhole(parser, utf8("<?xml version='1.0' encoding='UTF-8'?>\n" + HEADER
                + " \n\t <presence/> junk \n <presence/>\n\n\n"));

        assertThat(listener.elements).hasSize(2);
        assertThat(listener.closed).isFalse();
    }

    @Test
    void streamNamespacedTopLevelElementKeepsItsPrefix() throws Exception {
        Streams.feedWhole(parser, utf8(HEADER + "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>"));

        XmlElement features = listener.elements.get(0);
        assertThat(features.prefix()).isEqualTo("stream");
        assertThat(features.namespace()).isEqualTo(XmlStreamParser.STREAM_NAMESPACE);
        assertThat(features.toXml()).isEqualTo("<stream:features xmlns:stream='http://etherx.jabber.org/streams'>"
                + "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"whole", "bytewise"})
    void stanzaLimitCountsBytesExactly(String mode) throws Exception {
        String stanza = "\n<message><body>" + "x".repeat(100) + "</body></message>";
        int size = utf8(stanza).length;
        byte[] input = utf8(HEADER + stanza + stanza);

        RecordingListener atLimit = new RecordingListener();
        feed(new XmlStreamParser(new XmlLimits(size, 32, 64, 4096), atLimit), input, mode);
        assertThat(atLimit.elements).hasSize(2);

        XmlStreamParser tooSmall = new XmlStreamParser(new XmlLimits(size - 1, 32, 64, 4096), new RecordingListener());
        assertThatThrownBy(() -> feed(tooSmall, input, mode))
                .isInstanceOfSatisfying(XmlStreamException.class, e -> assertThat(e.condition()).isEqualTo(POLICY_VIOLATION));
    }

    @ParameterizedTest
    @ValueSource(strings = {"whole", "bytewise"})
    void streamHeaderLimitCountsBytesExactly(String mode) throws Exception {
        byte[] input = utf8("<?xml version='1.0'?>" + HEADER);

        RecordingListener atLimit = new RecordingListener();
        feed(new XmlStreamParser(new XmlLimits(65536, 32, 64, input.length), atLimit), input, mode);
        assertThat(atLimit.header).isNotNull();

        XmlStreamParser tooSmall = new XmlStreamParser(new XmlLimits(65536, 32, 64, input.length - 1), new RecordingListener());
        assertThatThrownBy(() -> feed(tooSmall, input, mode))
                .isInstanceOfSatisfying(XmlStreamException.class, e -> assertThat(e.condition()).isEqualTo(POLICY_VIOLATION));
    }

    @Test
    void endlessStreamHeaderIsCutOff() {
        byte[] input = utf8("<stream:stream xmlns:stream='http://etherx.jabber.org/streams' a='" + "a".repeat(1 << 20) + "'>");

        assertFailure(input, POLICY_VIOLATION);
        assertThat(parser.bytesFed()).isLessThanOrEqualTo(XmlLimits.DEFAULT_MAX_STREAM_HEADER_BYTES + XmlStreamParser.SLICE_BYTES);
    }

    @Test
    void depthAndAttributeLimitsAtTheirBoundaries() throws Exception {
        // Stream is depth 1, so maxDepth 32 allows 31 nested levels of stanza content.
        String nested31 = "<a>".repeat(31) + "</a>".repeat(31);
        StringBuilder attrs64 = new StringBuilder("<presence");
        for (int i = 0; i < 63; i++) {
            attrs64.append(" a").append(i).append("='v'");
        }
        attrs64.append(" xmlns:x='urn:x'/>");
        Streams.feedWhole(parser, utf8(HEADER + nested31 + attrs64));

        assertThat(listener.elements).hasSize(2);
    }

    @Test
    void listenerExceptionKillsTheParser() throws Exception {
        XmlStreamException refused = new XmlStreamException(StreamErrorCondition.NOT_AUTHORIZED, "no");
        XmlStreamParser p = new XmlStreamParser(XmlLimits.defaults(), new RecordingListener() {
            @Override
            public void onElement(XmlElement stanza) {
                throw new IllegalStateException("boom");
            }
        });
        XmlStreamParser q = new XmlStreamParser(XmlLimits.defaults(), new RecordingListener() {
            @Override
            public void onStreamOpen(StreamHeader h) throws XmlStreamException {
                throw refused;
            }
        });

        XmlStreamException e = catchThrowableOfType(() -> Streams.feedWhole(p, utf8(HEADER + "<presence/>")), XmlStreamException.class);
        assertThat(e.condition()).isEqualTo(StreamErrorCondition.INTERNAL_SERVER_ERROR);
        assertThat(e.getCause()).hasMessage("boom");
        assertThatThrownBy(() -> Streams.feedWhole(q, utf8(HEADER))).isSameAs(refused);
        assertThatThrownBy(() -> Streams.feedWhole(q, utf8("<presence/>"))).isSameAs(refused);
    }

    @Test
    void feedAfterCloseIsRejected() throws Exception {
        Streams.feedWhole(parser, utf8(HEADER));
        parser.close();

        assertThatThrownBy(() -> Streams.feedWhole(parser, utf8("<presence/>"))).isInstanceOf(IllegalStateException.class);
    }

    // --- bad input corpus -------------------------------------------------------------------

    @Test
    void billionLaughsIsRestrictedAndCheap() {
        long started = System.nanoTime();

        assertFailure(resource("billion-laughs.xml"), RESTRICTED_XML);

        assertThat(System.nanoTime() - started).isLessThan(1_000_000_000L);
        assertThat(listener.events).isEmpty();
    }

    @Test
    void billionLaughsFedBytewiseIsRestricted() {
        XmlStreamException e = catchThrowableOfType(() -> Streams.feedBytewise(parser, resource("billion-laughs.xml")), XmlStreamException.class);

        assertThat(e.condition()).isEqualTo(RESTRICTED_XML);
    }

    @Test
    void externalEntityIsRestricted() {
        assertFailure(resource("xxe.xml"), RESTRICTED_XML);
        assertThat(listener.events).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<!DOCTYPE stream>",
            "<!DOCTYPE stream SYSTEM 'file:///etc/passwd'>",
            "<!DOCTYPE stream [<!ENTITY e 'text'>]>",
            "<!-- hello -->",
            "<?xml version='1.0'?><!-- hello -->",
    })
    void markupBeforeTheStreamHeaderIsRestricted(String prolog) {
        assertFailure(utf8(prolog + HEADER + "<presence/>"), RESTRICTED_XML);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<!-- comment -->",
            "<message><!-- comment --></message>",
            "<message><body>hi<!-- c --></body></message>",
            "<?pi data?>",
            "<message><?pi data?></message>",
    })
    void commentsAndProcessingInstructionsAreRestricted(String content) {
        assertFailure(utf8(HEADER + content), RESTRICTED_XML);
    }

    @Test
    void processingInstructionBeforeTheHeaderIsRestricted() {
        assertFailure(utf8("<?xml version='1.0'?><?xml-stylesheet href='x'?>" + HEADER), RESTRICTED_XML);
    }

    @Test
    void undeclaredEntityReferenceIsNotWellFormed() {
        assertFailure(utf8(HEADER + "<message><body>&xxe;</body></message>"), NOT_WELL_FORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<message><body>hi</message></stream:stream>",
            "<message><body>hi</bodyx></message>",
            "<message></presence> ",
            "<message><body>unclosed <x></body></message>",
            "<message to='a' to='b'/>",
            "<message to='unterminated></message>",
            "<p:message/>",
            "<message>a & b</message>",
            "<message>&#0;</message>",
            "</stream:stream><presence/>",
    })
    void malformedXmlIsNotWellFormed(String content) {
        assertFailure(utf8(HEADER + content), NOT_WELL_FORMED);
    }

    @Test
    void megabyteStanzaIsRejectedEarly() {
        byte[] huge = utf8(HEADER + "<message><body>" + "a".repeat(1 << 20) + "</body></message>");

        assertFailure(huge, POLICY_VIOLATION);

        assertThat(parser.bytesFed()).isLessThanOrEqualTo(128 * 1024);
        assertThat(listener.elements).isEmpty();
    }

    @Test
    void megabyteStanzaInSmallChunksIsRejectedEarly() {
        byte[] huge = utf8(HEADER + "<message><body>" + "a".repeat(1 << 20) + "</body></message>");

        XmlStreamException e = catchThrowableOfType(() -> Streams.feedCopied(parser, huge, 1000), XmlStreamException.class);

        assertThat(e.condition()).isEqualTo(POLICY_VIOLATION);
        assertThat(parser.bytesFed()).isLessThanOrEqualTo(XmlLimits.DEFAULT_MAX_STANZA_BYTES + 2000);
    }

    @Test
    void manySmallStanzasInOneChunkAreFine() throws Exception {
        byte[] many = utf8(HEADER + "<presence/>\n".repeat(100_000));

        Streams.feedWhole(parser, many);

        assertThat(listener.elements).hasSize(100_000);
    }

    @Test
    void deepNestingIsAPolicyViolation() {
        byte[] deep = utf8(HEADER + "<message>" + "<a>".repeat(10_000) + "</a>".repeat(10_000) + "</message>");

        assertFailure(deep, POLICY_VIOLATION);
    }

    @Test
    void tooManyAttributesIsAPolicyViolation() {
        StringBuilder tag = new StringBuilder("<presence");
        for (int i = 0; i <= XmlLimits.DEFAULT_MAX_ATTRIBUTES; i++) {
            tag.append(" a").append(i).append("='v'");
        }
        assertFailure(utf8(HEADER + tag + "/>"), POLICY_VIOLATION);
    }

    @Test
    void namespaceDeclarationsCountAsAttributes() {
        StringBuilder tag = new StringBuilder("<presence");
        for (int i = 0; i <= XmlLimits.DEFAULT_MAX_ATTRIBUTES; i++) {
            tag.append(" xmlns:p").append(i).append("='urn:").append(i).append("'");
        }
        assertFailure(utf8(HEADER + tag + "/>"), POLICY_VIOLATION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"C328", "FF", "C0AF", "EDA080", "F4908080", "E282"})
    void invalidUtf8IsNotWellFormed(String hex) {
        byte[] bad = java.util.HexFormat.of().parseHex(hex);
        byte[] input = concat(utf8(HEADER + "<message><body>"), bad, utf8("</body></message><presence/>"));

        assertFailure(input, NOT_WELL_FORMED);
        XmlStreamParser bytewise = new XmlStreamParser(XmlLimits.defaults(), new RecordingListener());
        XmlStreamException e = catchThrowableOfType(() -> Streams.feedBytewise(bytewise, input), XmlStreamException.class);
        assertThat(e.condition()).isEqualTo(NOT_WELL_FORMED);
    }

    @Test
    void stanzasBeforeInvalidUtf8InTheSameChunkAreDelivered() {
        byte[] input = concat(utf8(HEADER + "<presence/>"), new byte[] {(byte) 0xC0, (byte) 0xAF});

        assertFailure(input, NOT_WELL_FORMED);
        assertThat(listener.elements).hasSize(1);
    }

    @Test
    void invalidUtf8InTheHeaderIsNotWellFormed() {
        assertFailure(concat(utf8("<stream:stream to='"), new byte[] {(byte) 0xFF}, utf8("' xmlns:stream='http://etherx.jabber.org/streams'>")),
                NOT_WELL_FORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<stream:stream xmlns:stream='http://example.com/streams'>",
            "<stream xmlns='jabber:client'>",
            "<stream:other xmlns:stream='http://etherx.jabber.org/streams'>",
            "<message xmlns='jabber:client'/>",
    })
    void wrongRootIsInvalidNamespace(String root) {
        assertFailure(utf8(root), INVALID_NAMESPACE);
    }

    @Test
    void nonUtf8EncodingIsUnsupported() {
        assertFailure(utf8("<?xml version='1.0' encoding='ISO-8859-1'?>" + HEADER), StreamErrorCondition.UNSUPPORTED_ENCODING);
    }

    // --- helpers ------------------------------------------------------------------------------

    private static final StreamErrorCondition POLICY_VIOLATION = StreamErrorCondition.POLICY_VIOLATION;
    private static final StreamErrorCondition RESTRICTED_XML = StreamErrorCondition.RESTRICTED_XML;
    private static final StreamErrorCondition NOT_WELL_FORMED = StreamErrorCondition.NOT_WELL_FORMED;
    private static final StreamErrorCondition INVALID_NAMESPACE = StreamErrorCondition.INVALID_NAMESPACE;

    /** Feeds whole, expects the condition, and checks the parser stays dead with the same exception. */
    private void assertFailure(byte[] input, StreamErrorCondition expected) {
        XmlStreamException e = catchThrowableOfType(() -> Streams.feedWhole(parser, input), XmlStreamException.class);
        assertThat(e).as("expected %s", expected).isNotNull();
        assertThat(e.condition()).as(e.getMessage()).isEqualTo(expected);
        assertThatThrownBy(() -> parser.feed(utf8(" "), 0, 1)).isSameAs(e);
    }

    private interface Feeding {
        void feed(XmlStreamParser parser) throws XmlStreamException;
    }

    private static List<Object> parse(Feeding feeding) throws XmlStreamException {
        RecordingListener l = new RecordingListener();
        feeding.feed(new XmlStreamParser(XmlLimits.defaults(), l));
        return l.events;
    }

    private static void feed(XmlStreamParser p, byte[] input, String mode) throws XmlStreamException {
        if (mode.equals("whole")) {
            Streams.feedWhole(p, input);
        } else {
            Streams.feedBytewise(p, input);
        }
    }
}
