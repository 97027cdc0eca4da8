package io.xsg.smpp.inbound;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Ids of mobile-originated SMS that stay the same when the SMSC delivers the same deliver_sm again (after a lost
 * deliver_sm_resp, or a rebind), so that readers de-duplicating on {@code moId} see one message. SMPP gives a
 * deliver_sm no id of its own; what an SMSC re-sends unchanged is its addresses, coding, user data and, where the
 * SMSC passes it on, the handset's TP-Message-Reference ({@code user_message_reference}). Without that reference, the
 * same text from the same handset to the same number counts as a redelivery for as long as a reader remembers ids.
 * The link is left out: an SMSC may deliver again through another of its binds.
 */
final class MoIds {

    private MoIds() {
    }

    static String singlePart(String source, String destination, int esmClass, int dataCoding, byte[] userData,
                             Integer userMessageReference) {
        MessageDigest sha = sha256();
        for (String s : new String[] {source, destination}) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(4).putInt(b.length).array());
            sha.update(b);
        }
        sha.update(ByteBuffer.allocate(12).putInt(esmClass & 0xFF).putInt(dataCoding & 0xFF)
                .putInt(userMessageReference == null ? -1 : userMessageReference).array());
        sha.update(userData);
        byte[] digest = sha.digest();
        return "mo-" + HexFormat.of().formatHex(digest, 0, 16);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
