package io.xsg.session.subscriber;

/** Why a subscriber operation was refused. */
public abstract sealed class SubscriberException extends RuntimeException {

    private SubscriberException(String message) {
        super(message);
    }

    /** The account does not exist, or is not a subscriber. */
    public static final class NotFound extends SubscriberException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** The account already has a number, or the number already belongs to an account. */
    public static final class Conflict extends SubscriberException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** Not an E.164 number. */
    public static final class InvalidNumber extends SubscriberException {
        public InvalidNumber(String message) {
            super(message);
        }
    }
}
