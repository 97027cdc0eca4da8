package io.xsg.smsc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A deliver_sm exactly as a test wants it on the wire: a duplicate part, a malformed UDH, an odd
 * data_coding. Addresses are parsed like {@link SimAddress#parse(String)}.
 *
 * @param tlvs optional parameters by tag, sent in iteration order
 */
public record RawDeliverSm(String from, String to, int esmClass, int dataCoding, byte[] shortMessage,
        Map<Integer, byte[]> tlvs) {

    public RawDeliverSm {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        shortMessage = shortMessage == null ? new byte[0] : shortMessage.clone();
        Map<Integer, byte[]> copy = new LinkedHashMap<>();
        if (tlvs != null) {
            tlvs.forEach((tag, value) -> copy.put(tag, value.clone()));
        }
        tlvs = java.util.Collections.unmodifiableMap(copy);
    }

    public static RawDeliverSm of(String from, String to, int esmClass, int dataCoding, byte[] shortMessage) {
        return new RawDeliverSm(from, to, esmClass, dataCoding, shortMessage, Map.of());
    }

    @Override
    public byte[] shortMessage() {
        return shortMessage.clone();
    }
}
