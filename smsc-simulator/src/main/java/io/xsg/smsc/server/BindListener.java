package io.xsg.smsc.server;

/** Told when a session is ready to exchange PDUs, e.g. to hand it receipts held while nobody was bound. */
@FunctionalInterface
public interface BindListener {
    void bound(EsmeConnection esme);
}
