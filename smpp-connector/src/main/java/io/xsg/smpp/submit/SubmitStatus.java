package io.xsg.smpp.submit;

import com.cloudhopper.smpp.SmppConstants;

/** How the connector reacts to a submit_sm_resp command_status. */
enum SubmitStatus {
    ACCEPTED,
    /** ESME_RTHROTTLED: the whole link is over its rate; pause every submit, then retry this one. */
    LINK_THROTTLED,
    /** A temporary condition of this message or handset (ESME_RMSGQFUL and the like): retry after a pause. */
    RETRY,
    /** The SMSC will never take it. */
    PERMANENT;

    private static final int ESME_RX_T_APPN = 0x00000064;

    static SubmitStatus of(int commandStatus) {
        switch (commandStatus) {
            case SmppConstants.STATUS_OK:
                return ACCEPTED;
            case SmppConstants.STATUS_THROTTLED:
                return LINK_THROTTLED;
            case SmppConstants.STATUS_MSGQFUL:
            case SmppConstants.STATUS_SYSERR:
            case ESME_RX_T_APPN:
                return RETRY;
            default:
                return PERMANENT;
        }
    }
}
