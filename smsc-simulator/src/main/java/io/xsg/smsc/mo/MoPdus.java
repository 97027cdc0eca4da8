package io.xsg.smsc.mo;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.type.Address;
import com.cloudhopper.smpp.type.SmppInvalidArgumentException;
import io.xsg.sms.segment.Sar;
import io.xsg.sms.segment.Segment;
import io.xsg.smsc.RawDeliverSm;
import io.xsg.smsc.SimAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the deliver_sm that carry an MO, one per segment. */
final class MoPdus {
    private MoPdus() {
    }

    static List<DeliverSm> of(SimAddress from, SimAddress to, List<Segment> segments) {
        List<DeliverSm> pdus = new ArrayList<>(segments.size());
        for (Segment segment : segments) {
            DeliverSm pdu = base(from, to, segment.udhIndicator() ? SmppConstants.ESM_CLASS_UDHI_MASK : 0,
                    segment.dataCoding());
            Sar sar = segment.sar();
            if (sar != null) {
                pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_MSG_REF_NUM,
                        new byte[] {(byte) (sar.reference() >> 8), (byte) sar.reference()}));
                pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_TOTAL_SEGMENTS, new byte[] {(byte) sar.total()}));
                pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_SEGMENT_SEQNUM, new byte[] {(byte) sar.sequence()}));
            }
            if (segment.messagePayload()) {
                pdu.addOptionalParameter(new Tlv(SmppConstants.TAG_MESSAGE_PAYLOAD, segment.payload()));
            } else {
                setShortMessage(pdu, segment.shortMessage());
            }
            pdus.add(pdu);
        }
        return pdus;
    }

    static DeliverSm of(RawDeliverSm raw) {
        DeliverSm pdu = base(SimAddress.parse(raw.from()), SimAddress.parse(raw.to()), raw.esmClass(), raw.dataCoding());
        setShortMessage(pdu, raw.shortMessage());
        for (Map.Entry<Integer, byte[]> tlv : raw.tlvs().entrySet()) {
            pdu.addOptionalParameter(new Tlv((short) tlv.getKey().intValue(), tlv.getValue()));
        }
        return pdu;
    }

    private static DeliverSm base(SimAddress from, SimAddress to, int esmClass, int dataCoding) {
        DeliverSm pdu = new DeliverSm();
        pdu.setSourceAddress(new Address((byte) from.ton(), (byte) from.npi(), from.address()));
        pdu.setDestAddress(new Address((byte) to.ton(), (byte) to.npi(), to.address()));
        pdu.setEsmClass((byte) esmClass);
        pdu.setDataCoding((byte) dataCoding);
        return pdu;
    }

    private static void setShortMessage(DeliverSm pdu, byte[] bytes) {
        try {
            pdu.setShortMessage(bytes);
        } catch (SmppInvalidArgumentException e) {
            throw new IllegalArgumentException("short_message longer than 255 octets: use message_payload", e);
        }
    }
}
