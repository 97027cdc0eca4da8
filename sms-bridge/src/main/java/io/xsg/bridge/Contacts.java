package io.xsg.bridge;

import java.util.List;

/** The host's rosters and presence, as a handset's commands need them. */
public interface Contacts {

    /** The bare JIDs in the account's roster whose presence it receives and that are online now. */
    List<String> online(String username);

    /** Whether the JID is in the account's roster. */
    boolean has(String username, String bareJid);
}
