package io.xsg.xmpp.xml;

/**
 * Scans the bytes before the root start tag for {@code <!}, which there can only open a comment
 * or a DOCTYPE. Aalto's async reader fails on an internal DTD subset with a generic
 * well-formedness error, so without this a billion-laughs DTD would be reported as
 * not-well-formed instead of restricted-xml. Knows just enough syntax (XML declaration, quoted
 * attribute values) to find where the root start tag ends.
 */
final class PrologGuard {

    private static final int TEXT = 0;
    private static final int LT = 1;
    private static final int PI = 2;
    private static final int PI_QUESTION = 3;
    private static final int TAG = 4;
    private static final int TAG_SQ = 5;
    private static final int TAG_DQ = 6;
    private static final int DONE = 7;

    private int state = TEXT;

    boolean done() {
        return state == DONE;
    }

    /** False if the bytes open a comment or DOCTYPE before the root element. */
    boolean accept(byte[] b, int off, int len) {
        int s = state;
        for (int i = off, end = off + len; i < end && s != DONE; i++) {
            byte c = b[i];
            switch (s) {
                case TEXT -> s = c == '<' ? LT : TEXT;
                case LT -> {
                    if (c == '!') {
                        state = s;
                        return false;
                    }
                    s = c == '?' ? PI : c == '>' ? DONE : TAG;
                }
                case PI -> s = c == '?' ? PI_QUESTION : PI;
                case PI_QUESTION -> s = c == '>' ? TEXT : c == '?' ? PI_QUESTION : PI;
                case TAG -> s = c == '\'' ? TAG_SQ : c == '"' ? TAG_DQ : c == '>' ? DONE : TAG;
                case TAG_SQ -> s = c == '\'' ? TAG : TAG_SQ;
                case TAG_DQ -> s = c == '"' ? TAG : TAG_DQ;
                default -> throw new IllegalStateException();
            }
        }
        state = s;
        return true;
    }
}
