package io.xsg.xmpp.xml;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import io.xsg.xmpp.error.StreamErrorCondition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

/**
 * Non-blocking parser for one inbound XMPP stream, over Aalto's async reader. Bytes go in through
 * {@link #feed} in any chunking; the listener gets the stream header, each complete top-level
 * element (depth 2) as an {@link XmlElement}, and the stream close.
 *
 * <p>Errors are states: the first {@link XmlStreamException} leaves the parser failed, and every
 * later {@code feed} throws that same exception. Conditions:
 * <ul>
 *   <li>root not {@code stream} in {@value #STREAM_NAMESPACE}: {@code invalid-namespace};</li>
 *   <li>comment, processing instruction or DOCTYPE anywhere: {@code restricted-xml}
 *       (RFC 6120 §11.1); nothing from a DTD is ever read, let alone expanded;</li>
 *   <li>malformed XML, invalid UTF-8, undeclared entity reference: {@code not-well-formed};</li>
 *   <li>an encoding other than UTF-8 declared: {@code unsupported-encoding};</li>
 *   <li>any {@link XmlLimits} exceeded: {@code policy-violation}. Input is handed to Aalto in
 *       slices of {@value #SLICE_BYTES} bytes and the stanza size checked between slices, so an
 *       oversized stanza fails within one slice of the limit however large the caller's chunk.</li>
 * </ul>
 *
 * <p>Text directly inside the stream (whitespace keepalives, stray text) is ignored. A stream
 * restart (after STARTTLS or SASL) needs a new parser. Not thread-safe: one per connection,
 * fed from its event loop.
 */
public final class XmlStreamParser {

    /** Namespace of {@code <stream:stream>}. */
    public static final String STREAM_NAMESPACE = "http://etherx.jabber.org/streams";

    /** Most bytes handed to Aalto at once; the granularity of the stanza-size check. */
    public static final int SLICE_BYTES = 4096;

    private static final AsyncXMLInputFactory FACTORY = newFactory();

    private final XmlLimits limits;
    private final XmlStreamListener listener;
    private final AsyncXMLStreamReader<AsyncByteArrayFeeder> reader;
    private final PrologGuard prolog = new PrologGuard();
    private final Utf8Validator utf8 = new Utf8Validator();

    private long bytesFed;
    // Index in the caller's array where the slice Aalto holds starts; see offset().
    private int sliceStart;
    // Stream offset where the current top-level element's byte count starts.
    private long elementStart;
    private int depth;
    private boolean headerSeen;
    // Elements open below the stream, index 0 being the top-level one; reused across stanzas.
    private Frame[] frames = new Frame[8];
    private int frameCount;
    private XmlStreamException failure;
    private boolean closed;

    public XmlStreamParser(XmlLimits limits, XmlStreamListener listener) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.reader = FACTORY.createAsyncForByteArray();
    }

    private static AsyncXMLInputFactory newFactory() {
        AsyncXMLInputFactory factory = new InputFactoryImpl();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }

    /**
     * Parses {@code len} bytes of {@code b} from {@code off}; listener calls happen inside. The
     * array is not retained after return.
     *
     * @throws XmlStreamException if the stream is broken, now or by an earlier call
     * @throws IllegalStateException after {@link #close()}
     */
    public void feed(byte[] b, int off, int len) throws XmlStreamException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (failure != null) {
            throw failure;
        }
        if (closed) {
            throw new IllegalStateException("parser closed");
        }
        try {
            for (int end = off + len; off < end; ) {
                int n = Math.min(SLICE_BYTES, end - off);
                feedSlice(b, off, n);
                off += n;
            }
        } catch (XmlStreamException e) {
            failure = e;
            throw e;
        } catch (RuntimeException e) {
            // A listener or Aalto bug must not leave the parser half-way through an element.
            failure = new XmlStreamException(StreamErrorCondition.INTERNAL_SERVER_ERROR, e.toString(), e);
            throw failure;
        }
    }

    /** Bytes handed to the XML reader so far; after a failure, how far parsing got. */
    public long bytesFed() {
        return bytesFed;
    }

    /**
     * Stops parsing; later {@code feed} calls throw {@link IllegalStateException}. The Aalto
     * reader is deliberately not closed: closing merges the names this peer sent into Aalto's
     * factory-wide symbol table, which peers could then grow without bound.
     */
    public void close() {
        closed = true;
        frames = null;
    }

    private void feedSlice(byte[] b, int off, int len) throws XmlStreamException {
        if (!prolog.done() && !prolog.accept(b, off, len)) {
            throw new XmlStreamException(StreamErrorCondition.RESTRICTED_XML,
                    "comment or DOCTYPE before the stream header");
        }
        int invalid = utf8.firstInvalid(b, off, len);
        if (invalid >= 0) {
            // Stanzas completed before the bad byte are still delivered.
            if (invalid > off) {
                parseSlice(b, off, invalid - off);
            }
            throw new XmlStreamException(StreamErrorCondition.NOT_WELL_FORMED,
                    "invalid UTF-8 at byte " + bytesFed + " of the stream");
        }
        parseSlice(b, off, len);
    }

    private void parseSlice(byte[] b, int off, int len) throws XmlStreamException {
        try {
            reader.getInputFeeder().feedInput(b, off, len);
        } catch (XMLStreamException e) {
            throw notWellFormed(e);
        }
        sliceStart = off;
        bytesFed += len;
        int event;
        while ((event = next()) != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
            handle(event);
        }
        if (!headerSeen) {
            if (bytesFed > limits.maxStreamHeaderBytes()) {
                throw policyViolation("stream header exceeds " + limits.maxStreamHeaderBytes() + " bytes");
            }
        } else if (depth > 0 && bytesFed - elementStart > limits.maxStanzaBytes()) {
            throw policyViolation("stanza exceeds " + limits.maxStanzaBytes() + " bytes");
        }
    }

    private int next() throws XmlStreamException {
        try {
            return reader.next();
        } catch (XMLStreamException e) {
            throw notWellFormed(e);
        }
    }

    private void handle(int event) throws XmlStreamException {
        switch (event) {
            case XMLStreamConstants.START_ELEMENT -> startElement();
            case XMLStreamConstants.END_ELEMENT -> endElement();
            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                // Text at depth 1 is keepalive whitespace or junk between stanzas; either way dropped.
                if (frameCount > 0) {
                    frames[frameCount - 1].text(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                }
            }
            case XMLStreamConstants.COMMENT -> throw restricted("comment");
            case XMLStreamConstants.PROCESSING_INSTRUCTION -> throw restricted("processing instruction");
            case XMLStreamConstants.DTD -> throw restricted("DOCTYPE");
            case XMLStreamConstants.ENTITY_DECLARATION, XMLStreamConstants.NOTATION_DECLARATION ->
                    throw restricted("DTD declaration");
            case XMLStreamConstants.ENTITY_REFERENCE -> throw new XmlStreamException(
                    StreamErrorCondition.NOT_WELL_FORMED, "undeclared entity &" + reader.getLocalName() + ";");
            case XMLStreamConstants.START_DOCUMENT -> {
                String encoding = reader.getCharacterEncodingScheme();
                if (encoding != null && !encoding.equalsIgnoreCase("UTF-8")) {
                    throw new XmlStreamException(StreamErrorCondition.UNSUPPORTED_ENCODING,
                            "encoding " + encoding + " declared; XMPP requires UTF-8");
                }
            }
            default -> {
                // END_DOCUMENT never comes (no endOfInput); nothing else carries content.
            }
        }
    }

    private void startElement() throws XmlStreamException {
        depth++;
        if (depth > limits.maxDepth()) {
            throw policyViolation("element nesting exceeds " + limits.maxDepth());
        }
        int attributeCount = reader.getAttributeCount();
        if (attributeCount + reader.getNamespaceCount() > limits.maxAttributes()) {
            throw policyViolation("more than " + limits.maxAttributes() + " attributes on <" + reader.getLocalName() + ">");
        }
        if (depth == 1) {
            streamOpen(attributeCount);
            return;
        }
        if (frameCount > 0) {
            frames[frameCount - 1].flushText();
        }
        if (frameCount == frames.length) {
            frames = Arrays.copyOf(frames, frameCount * 2);
        }
        Frame frame = frames[frameCount];
        if (frame == null) {
            frame = frames[frameCount] = new Frame();
        }
        frameCount++;
        frame.start(nonNull(reader.getPrefix()), reader.getLocalName(), nonNull(reader.getNamespaceURI()));
        for (int i = 0; i < attributeCount; i++) {
            frame.attribute(new XmlAttribute(nonNull(reader.getAttributePrefix(i)), nonNull(reader.getAttributeNamespace(i)),
                    reader.getAttributeLocalName(i), reader.getAttributeValue(i)));
        }
    }

    private void streamOpen(int attributeCount) throws XmlStreamException {
        String namespace = nonNull(reader.getNamespaceURI());
        if (!"stream".equals(reader.getLocalName()) || !STREAM_NAMESPACE.equals(namespace)) {
            throw new XmlStreamException(StreamErrorCondition.INVALID_NAMESPACE,
                    "root must be stream in " + STREAM_NAMESPACE + ", got " + reader.getLocalName() + " in '" + namespace + "'");
        }
        long headerEnd = offset();
        if (headerEnd > limits.maxStreamHeaderBytes()) {
            throw policyViolation("stream header exceeds " + limits.maxStreamHeaderBytes() + " bytes");
        }
        headerSeen = true;
        elementStart = headerEnd;
        String to = null;
        String from = null;
        String id = null;
        String version = null;
        String lang = null;
        for (int i = 0; i < attributeCount; i++) {
            String attributeNamespace = nonNull(reader.getAttributeNamespace(i));
            String name = reader.getAttributeLocalName(i);
            if (attributeNamespace.isEmpty()) {
                switch (name) {
                    case "to" -> to = reader.getAttributeValue(i);
                    case "from" -> from = reader.getAttributeValue(i);
                    case "id" -> id = reader.getAttributeValue(i);
                    case "version" -> version = reader.getAttributeValue(i);
                    default -> { }
                }
            } else if (attributeNamespace.equals(XMLConstants.XML_NS_URI) && name.equals("lang")) {
                lang = reader.getAttributeValue(i);
            }
        }
        String contentNamespace = null;
        for (int i = 0, n = reader.getNamespaceCount(); i < n; i++) {
            if (nonNull(reader.getNamespacePrefix(i)).isEmpty()) {
                contentNamespace = nonNull(reader.getNamespaceURI(i));
            }
        }
        listener.onStreamOpen(new StreamHeader(to, from, id, version, lang, contentNamespace));
    }

    private void endElement() throws XmlStreamException {
        if (depth == 1) {
            depth = 0;
            listener.onStreamClose();
            return;
        }
        XmlElement element = frames[--frameCount].build();
        depth--;
        if (frameCount > 0) {
            frames[frameCount - 1].child(element);
            return;
        }
        long end = offset();
        if (end - elementStart > limits.maxStanzaBytes()) {
            throw policyViolation("stanza exceeds " + limits.maxStanzaBytes() + " bytes");
        }
        elementStart = end;
        listener.onElement(element);
    }

    /**
     * Stream offset just past the current event. Aalto adds its pointer into the caller's array
     * (not into the slice) to the length of earlier slices, so the slice's start index is
     * subtracted; without that, feeding at non-zero offsets inflates the result.
     */
    private long offset() throws XmlStreamException {
        try {
            return reader.getLocationInfo().getEndingByteOffset() - sliceStart;
        } catch (XMLStreamException e) {
            throw notWellFormed(e);
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static XmlStreamException notWellFormed(XMLStreamException e) {
        return new XmlStreamException(StreamErrorCondition.NOT_WELL_FORMED, e.getMessage(), e);
    }

    private static XmlStreamException restricted(String what) {
        return new XmlStreamException(StreamErrorCondition.RESTRICTED_XML, what + " not allowed (RFC 6120 §11.1)");
    }

    private static XmlStreamException policyViolation(String message) {
        return new XmlStreamException(StreamErrorCondition.POLICY_VIOLATION, message);
    }

    /** An element being built; Aalto may deliver its text in several pieces. */
    private static final class Frame {
        private final StringBuilder text = new StringBuilder();
        private String prefix;
        private String localName;
        private String namespace;
        private ArrayList<XmlAttribute> attributes;
        private ArrayList<XmlNode> children;

        void start(String prefix, String localName, String namespace) {
            this.prefix = prefix;
            this.localName = localName;
            this.namespace = namespace;
            // The previous element owns the old lists now.
            attributes = null;
            children = null;
            // Don't let one large body pin its buffer for the life of the connection.
            if (text.capacity() > 8192) {
                text.setLength(0);
                text.trimToSize();
            }
            text.setLength(0);
        }

        void attribute(XmlAttribute attribute) {
            if (attributes == null) {
                attributes = new ArrayList<>(4);
            }
            attributes.add(attribute);
        }

        void text(char[] chars, int start, int length) {
            text.append(chars, start, length);
        }

        void flushText() {
            if (text.length() > 0) {
                addChild(new XmlText(text.toString()));
                text.setLength(0);
            }
        }

        void child(XmlElement element) {
            addChild(element);
        }

        private void addChild(XmlNode node) {
            if (children == null) {
                children = new ArrayList<>(4);
            }
            children.add(node);
        }

        XmlElement build() {
            flushText();
            XmlElement element = XmlElement.trusted(prefix, localName, namespace, attributes, children);
            attributes = null;
            children = null;
            return element;
        }
    }
}
