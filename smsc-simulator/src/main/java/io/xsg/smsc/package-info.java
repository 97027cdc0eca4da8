/**
 * The SMSC simulator's API: {@link io.xsg.smsc.SmscSimulator} and the values its callers (tests, the console, the
 * all-in-one) give and get. The parts live below it: {@code server} (the SMPP server and its sessions),
 * {@code submit} (accepting submits), {@code receipt} (delivery receipts), {@code mo} (mobile-originated SMS),
 * {@code handset} (the simulated handsets' inboxes) and {@code app} (the Spring Boot application and its web API).
 */
package io.xsg.smsc;
