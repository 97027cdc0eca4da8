package io.xsg.smpp.link;

/** The SMSC did not answer a request within the response timeout; the request may be retried. */
public final class ResponseTimeoutException extends RuntimeException {

    public ResponseTimeoutException(String message) {
        super(message, null, false, false);
    }
}
