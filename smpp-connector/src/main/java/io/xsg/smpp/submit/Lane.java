package io.xsg.smpp.submit;

import io.xsg.sms.address.Msisdn;
import io.xsg.sms.address.PhoneNumbers;
import java.util.ArrayDeque;

/**
 * One handset's queue. At most one of its segments is with the SMSC at a time, and a retried segment goes again
 * before anything behind it, so a handset receives its messages in the order they were queued whatever the SMSC
 * answers; different handsets proceed side by side within the window.
 */
final class Lane {

    final String handset;
    final ArrayDeque<OutgoingSms> queue = new ArrayDeque<>();
    OutgoingSms current;
    /** The handset's number, parsed once per lane rather than once per message (libphonenumber is not cheap). */
    private Msisdn destination;
    boolean inFlight;
    boolean scheduled;
    long notBeforeNanos;
    int retries;

    Lane(String handset, long nowNanos) {
        this.handset = handset;
        // nanoTime may be negative: a zero "not before" could lie in the future
        this.notBeforeNanos = nowNanos;
    }

    /** The message to work on, taking the next from the queue when the previous one finished. */
    OutgoingSms head() {
        if (current == null) {
            current = queue.pollFirst();
        }
        return current;
    }

    /** @throws IllegalArgumentException when the lane's key is no phone number */
    Msisdn destination(PhoneNumbers numbers) {
        if (destination == null) {
            destination = numbers.parse(handset);
        }
        return destination;
    }

    boolean idle() {
        return current == null && queue.isEmpty() && !inFlight;
    }
}
