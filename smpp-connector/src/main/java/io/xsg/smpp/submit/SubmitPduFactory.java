package io.xsg.smpp.submit;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.type.Address;
import com.cloudhopper.smpp.type.SmppInvalidArgumentException;
import io.xsg.events.v1.sms.SmsSource;
import io.xsg.smpp.config.ConnectorProperties.Link;
import io.xsg.smpp.config.ConnectorProperties.ValidityFormat;
import io.xsg.sms.address.Msisdn;
import io.xsg.sms.segment.Segment;
import io.xsg.sms.time.SmppTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** Builds the submit_sm of one segment as the link is configured to want it. */
final class SubmitPduFactory {

    private static final byte TON_INTERNATIONAL = 1;
    private static final byte NPI_E164 = 1;
    private static final byte TON_ALPHANUMERIC = 5;
    private static final byte ESM_UDHI = 0x40;

    private final Link link;

    SubmitPduFactory(Link link) {
        this.link = link;
    }

    SubmitSm build(SmsSource source, Msisdn destination, Segment segment, boolean receipt, Instant expiresAt,
                   Instant now) {
        var pdu = new SubmitSm();
        pdu.setSourceAddress(source(source));
        pdu.setDestAddress(new Address(TON_INTERNATIONAL, NPI_E164, destination.digits()));
        pdu.setRegisteredDelivery(receipt ? SmppConstants.REGISTERED_DELIVERY_SMSC_RECEIPT_REQUESTED
                : SmppConstants.REGISTERED_DELIVERY_SMSC_RECEIPT_NOT_REQUESTED);
        pdu.setDataCoding(segment.dataCoding());
        pdu.setEsmClass(segment.udhIndicator() ? ESM_UDHI : 0);
        pdu.setValidityPeriod(validity(expiresAt, now));
        try {
            pdu.setShortMessage(segment.shortMessage());
        } catch (SmppInvalidArgumentException e) {
            throw new IllegalArgumentException("segment does not fit short_message: " + e.getMessage(), e);
        }
        if (segment.messagePayload()) {
            pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_MESSAGE_PAYLOAD, segment.payload()));
        }
        if (segment.sar() != null) {
            int ref = segment.sar().reference() & 0xFFFF;
            pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_MSG_REF_NUM,
                    new byte[] {(byte) (ref >> 8), (byte) ref}));
            pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_TOTAL_SEGMENTS,
                    new byte[] {(byte) segment.sar().total()}));
            pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_SEGMENT_SEQNUM,
                    new byte[] {(byte) segment.sar().sequence()}));
        }
        return pdu;
    }

    private Address source(SmsSource source) {
        switch (source.kind()) {
            case INTERNATIONAL:
                String digits = source.address().startsWith("+") ? source.address().substring(1) : source.address();
                return new Address(TON_INTERNATIONAL, NPI_E164, digits);
            case ALPHANUMERIC:
                return new Address(TON_ALPHANUMERIC, (byte) 0, source.address());
            default:
                return new Address((byte) link.shortCodeTon(), (byte) link.shortCodeNpi(), source.address());
        }
    }

    private String validity(Instant expiresAt, Instant now) {
        if (link.validityFormat() == ValidityFormat.ABSOLUTE) {
            return SmppTime.absolute(expiresAt.atOffset(ZoneOffset.UTC));
        }
        Duration left = Duration.between(now, expiresAt);
        // SMPP's relative format counts whole seconds; round up so a message never expires early at the SMSC
        long seconds = Math.max(1, (left.toMillis() + 999) / 1000);
        return SmppTime.relative(Duration.ofSeconds(seconds));
    }
}
