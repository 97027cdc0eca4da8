package io.xsg.sms.text;

/**
 * Character sets an SMS body travels in, with the SMPP 3.4 §5.2.19 data_coding value sent for each.
 *
 * <p>{@link #GSM7} is sent as 0x00, "SMSC default alphabet", which assumes the SMSC's default is the GSM
 * alphabet (the usual case; a link whose SMSC defaults to something else needs its own mapping).
 */
public enum SmsAlphabet {
    GSM7((byte) 0x00),
    /** IA5 / US-ASCII. Decoded but never chosen for sending. */
    IA5((byte) 0x01),
    LATIN1((byte) 0x03),
    /** 8-bit data; not text. */
    BINARY((byte) 0x04),
    UCS2((byte) 0x08);

    private final byte dataCoding;

    SmsAlphabet(byte dataCoding) {
        this.dataCoding = dataCoding;
    }

    /** The data_coding to send. */
    public byte dataCoding() {
        return dataCoding;
    }

    /**
     * The alphabet a received data_coding stands for. 0x00..0x0F are SMPP's own values; above that the
     * GSM 03.38 / 23.038 §4 coding groups apply: 00x0xxxx general data coding (bits 3..2: 00 GSM 7-bit,
     * 01 8-bit, 10 UCS-2; bit 4 says bits 1..0 are a message class, which does not change the alphabet),
     * 1100/1101 message waiting (GSM 7-bit), 1110 message waiting (UCS-2), and 1111 data coding / message
     * class (bit 2: 0 GSM 7-bit, 1 8-bit).
     *
     * <p>A Java {@code byte} passed without masking (0xF0 arrives as -16) is read as the unsigned octet.
     *
     * @throws IllegalArgumentException for compressed text, reserved groups and character sets this gateway
     *     does not carry (JIS, Cyrillic, Hebrew, pictograms, KS C 5601...)
     */
    public static SmsAlphabet fromDataCoding(int dcs) {
        if (dcs < Byte.MIN_VALUE || dcs > 0xFF) {
            throw new IllegalArgumentException("data_coding out of range 0..255: " + dcs);
        }
        dcs &= 0xFF;
        if (dcs <= 0x0F) {
            switch (dcs) {
                case 0x00:
                    return GSM7;
                case 0x01:
                    return IA5;
                case 0x02:
                case 0x04:
                    return BINARY;
                case 0x03:
                    return LATIN1;
                case 0x08:
                    return UCS2;
                default:
                    throw unsupported(dcs, "character set not supported");
            }
        }
        int group = dcs >> 4;
        if (group <= 0x3) {
            if ((dcs & 0x20) != 0) {
                throw unsupported(dcs, "compressed text (GSM 03.42) not supported");
            }
            switch ((dcs >> 2) & 0x3) {
                case 0:
                    return GSM7;
                case 1:
                    return BINARY;
                case 2:
                    return UCS2;
                default:
                    throw unsupported(dcs, "reserved alphabet in general data coding group");
            }
        }
        if (group == 0xC || group == 0xD) {
            return GSM7;
        }
        if (group == 0xE) {
            return UCS2;
        }
        if (group == 0xF) {
            return (dcs & 0x04) == 0 ? GSM7 : BINARY;
        }
        throw unsupported(dcs, "reserved coding group");
    }

    private static IllegalArgumentException unsupported(int dcs, String why) {
        return new IllegalArgumentException(String.format("data_coding 0x%02X: %s", dcs, why));
    }
}
