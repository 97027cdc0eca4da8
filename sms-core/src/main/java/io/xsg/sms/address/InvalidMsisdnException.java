package io.xsg.sms.address;

/** A string that cannot be read as a phone number; the message says why. */
public class InvalidMsisdnException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidMsisdnException(String message) {
        super(message);
    }

    public InvalidMsisdnException(String message, Throwable cause) {
        super(message, cause);
    }
}
