package io.xsg.smsc.app.api;

import io.xsg.smsc.SubmittedPdu;
import java.time.Instant;
import java.util.HexFormat;

/** A journal entry for JSON: byte fields in hex, SAR flattened, addresses in display form. */
public record SubmitView(
        int sequenceNumber,
        String systemId,
        String source,
        int sourceTon,
        int sourceNpi,
        String destination,
        int destinationTon,
        int destinationNpi,
        int dataCoding,
        int esmClass,
        int registeredDelivery,
        String validityPeriod,
        String shortMessageHex,
        Integer sarReference,
        Integer sarTotal,
        Integer sarSequence,
        String messagePayloadHex,
        String messageId,
        Instant arrivedAt) {

    static SubmitView of(SubmittedPdu p) {
        HexFormat hex = HexFormat.of();
        return new SubmitView(p.sequenceNumber(), p.systemId(), p.source().msisdn(), p.source().ton(), p.source().npi(),
                p.destination().msisdn(), p.destination().ton(), p.destination().npi(), p.dataCoding(), p.esmClass(),
                p.registeredDelivery(), p.validityPeriod(), hex.formatHex(p.shortMessage()),
                p.sar().map(s -> s.reference()).orElse(null), p.sar().map(s -> s.total()).orElse(null),
                p.sar().map(s -> s.sequence()).orElse(null),
                p.hasMessagePayload() ? hex.formatHex(p.messagePayload()) : null, p.messageId(), p.arrivedAt());
    }
}
