package io.xsg.xmpp.xml;

/**
 * Receives what {@link XmlStreamParser} reads, on the thread calling {@code feed}. Throwing
 * {@link XmlStreamException} ends the stream: the parser stays failed with that exception.
 */
public interface XmlStreamListener {

    /** The {@code <stream:stream>} start tag arrived. */
    void onStreamOpen(StreamHeader header) throws XmlStreamException;

    /** A complete top-level element (stanza or nonza) with all its descendants. */
    void onElement(XmlElement element) throws XmlStreamException;

    /** {@code </stream:stream>} arrived. */
    void onStreamClose() throws XmlStreamException;
}
