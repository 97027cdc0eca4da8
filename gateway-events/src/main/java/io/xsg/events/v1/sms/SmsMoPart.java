package io.xsg.events.v1.sms;

import java.time.Instant;
import java.util.Objects;

/**
 * One part of a concatenated mobile-originated SMS, made durable before the connector answers its deliver_sm.
 * Only the connector of that link reads them (its link's parts topic), reassembles the whole text and publishes an
 * {@link SmsMobileOriginated}; a part therefore survives a crash between its arrival and its last sibling's.
 *
 * @param linkId      the link it arrived on
 * @param handset     the sender, E.164 with {@code +}
 * @param destination the number it was sent to
 * @param dataCoding  the SMPP data_coding of the part
 * @param userData    the part's user data without the UDH
 * @param reference   the concatenation reference
 * @param total       how many parts the message has
 * @param sequence    this part's number, from 1
 * @param sixteenBit  whether the reference was a 16-bit one (IEI 08 or SAR)
 * @param receivedAt  when it arrived
 */
public record SmsMoPart(String linkId, String handset, String destination, int dataCoding, byte[] userData,
                        int reference, int total, int sequence, boolean sixteenBit, Instant receivedAt) {

    public SmsMoPart {
        Objects.requireNonNull(handset, "handset");
        Objects.requireNonNull(userData, "userData");
    }
}
