package io.xsg.smsc.handset;

/** MT: network to handset (submitted by the ESME). MO: handset to network (injected). */
public enum Direction {
    MT,
    MO
}
