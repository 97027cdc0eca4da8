package io.xsg.smsc;

/** An MO cannot be sent: no bound session is able to receive (transceiver or receiver). */
public class NoReceiverBoundException extends SmscSimulatorException {
    public NoReceiverBoundException() {
        super("no ESME session bound as transceiver or receiver");
    }
}
