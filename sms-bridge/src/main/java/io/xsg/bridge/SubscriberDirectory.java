package io.xsg.bridge;

import java.util.Optional;

/** The host's subscribers, as the bridge needs them: which account a handset number belongs to. */
public interface SubscriberDirectory {

    /** A handset subscriber: an account that is also a phone number. */
    record Subscriber(String username, String msisdn) {
    }

    Optional<Subscriber> byNumber(String msisdn);
}
