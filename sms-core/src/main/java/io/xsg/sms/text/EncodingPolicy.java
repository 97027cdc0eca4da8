package io.xsg.sms.text;

/** How to pick the alphabet of an outgoing text. */
public enum EncodingPolicy { AUTO, GSM7, LATIN1, UCS2 }
