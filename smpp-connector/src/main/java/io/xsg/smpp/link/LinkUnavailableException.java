package io.xsg.smpp.link;

/** The link is not bound, or lost its connection while a request waited for its response; the request may be retried. */
public final class LinkUnavailableException extends RuntimeException {

    public LinkUnavailableException(String message) {
        super(message, null, false, false);
    }
}
