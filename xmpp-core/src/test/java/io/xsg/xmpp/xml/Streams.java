package io.xsg.xmpp.xml;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Random;

/** Test helpers: fixtures and feeding in various chunkings. */
final class Streams {

    static final String HEADER = "<stream:stream to='im.example.com' version='1.0' xmlns='jabber:client'"
            + " xmlns:stream='http://etherx.jabber.org/streams'>";

    private Streams() {
    }

    static byte[] resource(String name) {
        try (InputStream in = Streams.class.getResourceAsStream("/xml/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static void feedWhole(XmlStreamParser parser, byte[] b) throws XmlStreamException {
        parser.feed(b, 0, b.length);
    }

    static void feedBytewise(XmlStreamParser parser, byte[] b) throws XmlStreamException {
        for (int i = 0; i < b.length; i++) {
            parser.feed(b, i, 1);
        }
    }

    /** Random chunk sizes, fed at their offsets in the original array (not copied to index 0). */
    static void feedRandom(XmlStreamParser parser, byte[] b, long seed) throws XmlStreamException {
        Random random = new Random(seed);
        for (int off = 0; off < b.length; ) {
            int n = Math.min(b.length - off, 1 + random.nextInt(random.nextBoolean() ? 7 : 300));
            parser.feed(b, off, n);
            off += n;
        }
    }

    /** Each chunk copied into a fresh array, as a network buffer would be. */
    static void feedCopied(XmlStreamParser parser, byte[] b, int chunk) throws XmlStreamException {
        for (int off = 0; off < b.length; off += chunk) {
            int n = Math.min(chunk, b.length - off);
            byte[] copy = new byte[n + 3];
            System.arraycopy(b, off, copy, 3, n);
            parser.feed(copy, 3, n);
        }
    }
}
