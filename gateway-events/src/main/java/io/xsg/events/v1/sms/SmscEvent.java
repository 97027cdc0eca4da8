package io.xsg.events.v1.sms;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a connector learns from its SMSC, published on one topic keyed by the handset's E.164 number. One topic and
 * one key keep a handset's submit result ahead of its receipts (the SMSC answers submit_sm before it can report on
 * it, and the connector publishes in that order), so a receipt never arrives before the submit it belongs to.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = SmsSubmitResult.class, name = "submit-result"),
        @JsonSubTypes.Type(value = SmsDeliveryReport.class, name = "delivery-report"),
        @JsonSubTypes.Type(value = SmsMobileOriginated.class, name = "mobile-originated")
})
public sealed interface SmscEvent permits SmsSubmitResult, SmsDeliveryReport, SmsMobileOriginated {

    /** The link the event came through. */
    String linkId();

    /** The handset's E.164 number: the record key. */
    String handset();
}
