package io.xsg.routing.rule;

import io.xsg.delivery.Delivery;
import io.xsg.directory.SessionDirectory;
import io.xsg.events.v1.SessionEntry;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.xmpp.ext.carbons.Carbons;
import io.xsg.xmpp.jid.JidParts;
import io.xsg.xmpp.stanza.Stanzas;
import io.xsg.xmpp.xml.XmlElement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Message Carbons (XEP-0280): a copy of each eligible message to the sender's and the recipient's other resources that
 * enabled carbons. The stanza is parsed only when some such resource exists, so ordinary chat between users without
 * carbons stays on the fast path.
 */
final class CarbonCopies {

    private final SessionDirectory directory;

    CarbonCopies(SessionDirectory directory) {
        this.directory = directory;
    }

    /**
     * @param recipientBare the local recipient's bare JID, or {@code null} when it is not a local account
     * @param targets       the sessions the message itself goes to (they get no copy)
     */
    List<Delivery> copies(StanzaReceivedEvent event, String recipientBare, Collection<SessionEntry> targets) {
        if (!Carbons.mayBeEligible(event.type())) {
            return List.of();
        }
        String senderBare = JidParts.bare(event.from());
        List<SessionEntry> sent = interested(senderBare, targets, event.sessionId());
        List<SessionEntry> received = recipientBare == null || recipientBare.equals(senderBare) ? List.of()
                : interested(recipientBare, targets, null);
        if (sent.isEmpty() && received.isEmpty()) {
            return List.of();
        }
        XmlElement message = Stanzas.parse(event.xml());
        if (!Carbons.eligible(message, event.type())) {
            return List.of();
        }
        List<Delivery> out = new ArrayList<>(sent.size() + received.size());
        for (SessionEntry s : sent) {
            out.add(Delivery.stanza(event.eventId() + "/sent", s, Carbons.sent(message, senderBare, s.fullJid())
                    .toXml()));
        }
        for (SessionEntry s : received) {
            out.add(Delivery.stanza(event.eventId() + "/received", s,
                    Carbons.received(message, recipientBare, s.fullJid()).toXml()));
        }
        return out;
    }

    private List<SessionEntry> interested(String bare, Collection<SessionEntry> targets, String exceptSession) {
        List<SessionEntry> out = null;
        Set<String> excluded = null;
        for (SessionEntry s : directory.byBareJid(bare)) {
            if (!s.carbons() || !s.available() || s.sessionId().equals(exceptSession)) {
                continue;
            }
            if (excluded == null) {
                excluded = new java.util.HashSet<>();
                for (SessionEntry t : targets) {
                    excluded.add(t.sessionId());
                }
            }
            if (!excluded.contains(s.sessionId())) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(s);
            }
        }
        return out == null ? List.of() : out;
    }
}
