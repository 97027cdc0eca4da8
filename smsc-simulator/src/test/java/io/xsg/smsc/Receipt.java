package io.xsg.smsc;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.tlv.Tlv;
import java.nio.charset.StandardCharsets;

/** A received delivery receipt, unpacked for assertions. TLV fields are null when absent. */
record Receipt(String from, String to, int esmClass, String text, String receiptedMessageId, Integer messageState,
        byte[] networkErrorCode) {

    static Receipt of(DeliverSm pdu) throws Exception {
        assertThat(pdu).as("a receipt arrived").isNotNull();
        Tlv id = pdu.getOptionalParameter(SmppConstants.TAG_RECEIPTED_MSG_ID);
        Tlv state = pdu.getOptionalParameter(SmppConstants.TAG_MSG_STATE);
        Tlv error = pdu.getOptionalParameter(SmppConstants.TAG_NETWORK_ERROR_CODE);
        return new Receipt(pdu.getSourceAddress().getAddress(), pdu.getDestAddress().getAddress(),
                pdu.getEsmClass() & 0xFF, new String(pdu.getShortMessage(), StandardCharsets.ISO_8859_1),
                id == null ? null : id.getValueAsString(), state == null ? null : (int) state.getValueAsUnsignedByte(),
                error == null ? null : error.getValue());
    }
}
