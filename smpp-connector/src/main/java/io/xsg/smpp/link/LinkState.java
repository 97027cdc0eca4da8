package io.xsg.smpp.link;

/** Where a link is in its life. */
public enum LinkState {
    STOPPED,
    /** Connecting or binding, or waiting to retry. */
    CONNECTING,
    /** Bound: submits flow. */
    BOUND,
    /** Unbinding on shutdown. */
    UNBINDING
}
