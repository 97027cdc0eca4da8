package io.xsg.xmpp.xml;

/**
 * Strict UTF-8 check (RFC 3629) across chunk boundaries. Aalto rejects most bad bytes itself
 * but accepts overlong forms such as {@code C0 AF} and code points above U+10FFFF, which RFC 6120
 * §11.6 makes a stream error.
 */
final class Utf8Validator {

    private int pending;      // continuation bytes still expected
    private int lower = 0x80; // allowed range of the next continuation byte
    private int upper = 0xBF;

    /** Index of the first invalid byte in {@code b[off, off+len)}, or -1 if all are valid so far. */
    int firstInvalid(byte[] b, int off, int len) {
        int p = pending;
        for (int i = off, end = off + len; i < end; i++) {
            int c = b[i];
            if (p == 0) {
                if (c >= 0) {
                    continue;
                }
                c &= 0xFF;
                if (c >= 0xC2 && c <= 0xDF) {
                    p = 1;
                } else if (c >= 0xE0 && c <= 0xEF) {
                    p = 2;
                    if (c == 0xE0) {
                        lower = 0xA0; // overlong below U+0800
                    } else if (c == 0xED) {
                        upper = 0x9F; // UTF-16 surrogates
                    }
                } else if (c >= 0xF0 && c <= 0xF4) {
                    p = 3;
                    if (c == 0xF0) {
                        lower = 0x90; // overlong below U+10000
                    } else if (c == 0xF4) {
                        upper = 0x8F; // above U+10FFFF
                    }
                } else {
                    pending = p;
                    return i;
                }
            } else {
                c &= 0xFF;
                if (c < lower || c > upper) {
                    pending = p;
                    return i;
                }
                lower = 0x80;
                upper = 0xBF;
                p--;
            }
        }
        pending = p;
        return -1;
    }
}
