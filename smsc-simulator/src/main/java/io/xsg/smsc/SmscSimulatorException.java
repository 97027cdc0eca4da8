package io.xsg.smsc;

/** Root of the simulator's exceptions. */
public class SmscSimulatorException extends RuntimeException {
    public SmscSimulatorException(String message) {
        super(message);
    }

    public SmscSimulatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
