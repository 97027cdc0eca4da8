package io.xsg.bridge;

import io.xsg.bridge.SubscriberDirectory.Subscriber;
import io.xsg.events.v1.sms.SmsMobileOriginated;

/**
 * One MO SMS on its way through {@link MobileOriginatedFlow}: what it is for, decided once by
 * {@link MobileOriginated}, and everything its handler needs.
 *
 * @param mo         the SMS
 * @param subscriber the handset's account, or {@code null} for a number that is no subscriber
 * @param text       its text (marked when parts never arrived)
 * @param party      for {@link Kind#CHAT}, the JID the virtual number stands for
 * @param kind       where it goes
 * @param out        where the handling's output goes
 */
public record MoRoute(SmsMobileOriginated mo, Subscriber subscriber, String text, String party, Kind kind,
                      BridgeOutput out) {

    public enum Kind {
        /** To the short code from a subscriber. */
        COMMAND,
        /** To the short code from a number that is no subscriber. */
        STRANGER,
        /** To a virtual number the handset has: a chat message to its party. */
        CHAT,
        /** To a virtual number that stands for nobody for this handset. */
        UNALLOCATED,
        /** To a number this service does not answer at. */
        UNKNOWN_DESTINATION
    }

    public String handset() {
        return mo.handset();
    }

    public String destination() {
        return mo.destination().strip();
    }
}
