package io.xsg.bridge;

import io.xsg.bridge.SubscriberDirectory.Subscriber;
import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.XmlElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.springframework.stereotype.Component;

/**
 * What a subscriber's handset can ask by texting the short code (DESIGN.md §3), case-insensitive: {@code LOGIN},
 * {@code LOGOUT}, {@code WHO}, {@code ADD <jid>}, {@code REMOVE <jid>}, {@code NOTIFY ON|OFF}, {@code HELP}, and
 * {@code @<jid> <text>} to write to someone the handset has no virtual number for yet. Every command is answered by
 * SMS, an unknown one with what to do instead. Roster changes are the stanzas a client would send, from the pseudo
 * client's address, so the roster and subscription rules stay in one place.
 */
@Component
public class ShortCodeCommands {

    static final String HELP = "Commands: LOGIN, LOGOUT, WHO, ADD name@domain, REMOVE name@domain, NOTIFY ON|OFF,"
            + " @name@domain text (write to someone new), HELP. Reply to a contact's number to chat.";

    private final Handsets handsets;
    private final PseudoClients pseudo;
    private final VirtualNumbers numbers;
    private final Contacts contacts;
    private final BridgeStanzas stanzas;

    public ShortCodeCommands(Handsets handsets, PseudoClients pseudo, VirtualNumbers numbers, Contacts contacts,
                             BridgeStanzas stanzas) {
        this.handsets = handsets;
        this.pseudo = pseudo;
        this.numbers = numbers;
        this.contacts = contacts;
        this.stanzas = stanzas;
    }

    /**
     * Runs one command of a subscriber's handset; the caller holds the handset's lock.
     *
     * @param id a stable id of the SMS (its MO id), from which the ids of the stanzas it causes derive
     * @return the answer to text back
     */
    public String run(String id, Subscriber subscriber, String text, BridgeOutput out) {
        String msisdn = subscriber.msisdn();
        String username = subscriber.username();
        String command = text.strip();
        if (command.startsWith("@")) {
            return writeTo(id, subscriber, command.substring(1), out);
        }
        String[] words = command.split("\\s+", 2);
        String verb = words[0].toUpperCase(Locale.ROOT);
        String argument = words.length > 1 ? words[1].strip() : "";
        return switch (verb) {
            case "LOGIN" -> pseudo.login(msisdn, username, out)
                    ? "You are online as " + bare(username) + ". Reply to a contact's number to chat; text HELP"
                    + " for commands."
                    : "You are online already as " + bare(username) + ".";
            case "LOGOUT" -> pseudo.logout(msisdn, out)
                    ? "You are offline. Messages for you wait until you text LOGIN."
                    : "You are not logged in. Text LOGIN to come online.";
            case "WHO" -> who(msisdn, username);
            case "ADD" -> add(id, msisdn, username, argument, out);
            case "REMOVE" -> remove(id, msisdn, username, argument, out);
            case "NOTIFY" -> notifyCommand(msisdn, argument);
            case "HELP", "?" -> HELP;
            default -> "Unknown command " + abbreviate(words[0]) + ". " + HELP;
        };
    }

    /** The text for a handset that is no subscriber. */
    static String notSubscribed(String domain) {
        return "This number is not registered for chat on " + domain + ". Ask your operator to sign you up.";
    }

    private String who(String msisdn, String username) {
        List<String> online = new ArrayList<>();
        for (String contact : contacts.online(username)) {
            online.add(contact + numbers.existing(msisdn, contact).map(n -> " (" + n + ")").orElse(""));
        }
        return online.isEmpty() ? "None of your contacts is online." : "Online: " + String.join(", ", online);
    }

    private String add(String id, String msisdn, String username, String argument, BridgeOutput out) {
        Optional<String> jid = jid(argument);
        if (jid.isEmpty()) {
            return "ADD needs an address like bob@example.com; \"" + abbreviate(argument) + "\" is not one.";
        }
        String contact = jid.get();
        if (contact.equals(bare(username))) {
            return "That is you.";
        }
        String from = pseudo.fullJid(username);
        // approve a request the contact made, if any, then ask for theirs (RFC 6121 §3.1, §3.2)
        out.stanza(stanzas.presence("sms/" + id + "/subscribed", from, contact, "subscribed", null,
                PseudoClients.EDGE_ID, null));
        out.stanza(stanzas.presence("sms/" + id + "/subscribe", from, contact, "subscribe", null,
                PseudoClients.EDGE_ID, null));
        return "Asked " + contact + " to share presence. Their number is " + numbers.numberFor(msisdn, contact) + ".";
    }

    private String remove(String id, String msisdn, String username, String argument, BridgeOutput out) {
        Optional<String> jid = jid(argument);
        if (jid.isEmpty()) {
            return "REMOVE needs an address like bob@example.com; \"" + abbreviate(argument) + "\" is not one.";
        }
        if (!contacts.has(username, jid.get())) {
            return jid.get() + " is not among your contacts.";
        }
        XmlElement iq = XmlElement.builder("iq", Namespaces.CLIENT).attribute("type", "set")
                .attribute("id", "sms-" + id.replace('/', '-')).attribute("from", pseudo.fullJid(username))
                .child(XmlElement.builder("query", Namespaces.ROSTER)
                        .child(XmlElement.builder("item", Namespaces.ROSTER).attribute("jid", jid.get())
                                .attribute("subscription", "remove").build()).build()).build();
        out.stanza(stanzas.iq("sms/" + id + "/remove", pseudo.fullJid(username), iq, PseudoClients.EDGE_ID, null));
        return "Removed " + jid.get() + " from your contacts.";
    }

    private String notifyCommand(String msisdn, String argument) {
        switch (argument.toUpperCase(Locale.ROOT)) {
            case "ON" -> {
                handsets.notices(msisdn, true);
                return "You will get an SMS when a contact comes online. NOTIFY OFF stops it.";
            }
            case "OFF" -> {
                handsets.notices(msisdn, false);
                return "No more SMS when contacts come online. NOTIFY ON starts them again.";
            }
            default -> {
                return "Text NOTIFY ON or NOTIFY OFF.";
            }
        }
    }

    /** {@code @bob@b.test hello}: a first message to someone, and the number to reply to from now on. */
    private String writeTo(String id, Subscriber subscriber, String rest, BridgeOutput out) {
        String[] parts = rest.strip().split("\\s+", 2);
        Optional<String> jid = jid(parts[0]);
        if (jid.isEmpty()) {
            return "Write @name@domain followed by your message; \"" + abbreviate(parts[0]) + "\" is not an address.";
        }
        if (parts.length < 2 || parts[1].isBlank()) {
            return "Write @" + jid.get() + " followed by your message.";
        }
        String number = numbers.numberFor(subscriber.msisdn(), jid.get());
        out.stanza(stanzas.chat("sms/" + id + "/chat", pseudo.fullJid(subscriber.username()), jid.get(),
                parts[1].strip()));
        handsets.active(subscriber.msisdn());
        return "Sent. " + jid.get() + " is " + number + " for you: reply to it to continue.";
    }

    private String bare(String username) {
        return username + "@" + stanzas.domain();
    }

    /** A bare JID with a local part, normalised (PRECIS), or empty if the text is not one. */
    static Optional<String> jid(String text) {
        if (text == null || text.isBlank() || text.contains("/")) {
            return Optional.empty();
        }
        try {
            EntityBareJid jid = JidCreate.entityBareFrom(text.strip());
            return Optional.of(jid.toString());
        } catch (XmppStringprepException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "…";
    }
}
