package io.xsg.smsc;

/** The ESME answered a deliver_sm with an error status, or never answered it. */
public class MoRejectedException extends SmscSimulatorException {
    private final int commandStatus;

    public MoRejectedException(String message, int commandStatus) {
        super(message);
        this.commandStatus = commandStatus;
    }

    public MoRejectedException(String message, int commandStatus, Throwable cause) {
        super(message, cause);
        this.commandStatus = commandStatus;
    }

    /** The deliver_sm_resp command_status, or -1 when no response came (timeout, closed session). */
    public int commandStatus() {
        return commandStatus;
    }
}
