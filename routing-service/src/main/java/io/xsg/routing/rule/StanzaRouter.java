package io.xsg.routing.rule;

import io.xsg.events.v1.EdgeDeliveryEvent;
import io.xsg.events.v1.SessionEntry;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.routing.directory.SessionDirectory;
import io.xsg.xmpp.error.StanzaErrorCondition;
import io.xsg.xmpp.error.StanzaErrors;
import io.xsg.xmpp.stanza.Stanzas;
import io.xsg.xmpp.xml.XmlElement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The delivery rules of RFC 6121 §8 for a server without offline storage yet: a full JID goes to its session, a
 * bare JID to the highest-priority available session(s), the server's own IQs are answered, and whatever cannot
 * be delivered comes back to the sender as a stanza error (never an error for an error). Pure: the outcome depends
 * on the event and the directory only.
 */
public final class StanzaRouter {

    private final String domain;
    private final SessionDirectory directory;
    private final ServerIqHandler serverIq;

    public StanzaRouter(String domain, SessionDirectory directory) {
        this.domain = domain;
        this.directory = directory;
        this.serverIq = new ServerIqHandler(domain);
    }

    public List<Delivery> route(StanzaReceivedEvent event) {
        String to = event.to();
        String kind = event.kind();
        String type = event.type();
        if (to == null || to.equals(domain)) {
            return toServer(event, to == null);
        }
        Address address = Address.parse(to);
        if (!address.domain().equals(domain)) {
            if (address.domain().endsWith("." + domain)) {
                // one of our own services (e.g. sms.a.test) that this deployment does not serve yet
                return bounce(event, StanzaErrorCondition.SERVICE_UNAVAILABLE);
            }
            // federation comes later: no remote domain is reachable yet
            return bounce(event, StanzaErrorCondition.REMOTE_SERVER_NOT_FOUND);
        }
        if (address.local() == null) {
            // a resource of the domain itself
            return bounce(event, StanzaErrorCondition.SERVICE_UNAVAILABLE);
        }
        if (address.resource() != null) {
            SessionEntry target = directory.byFullJid(to);
            if (target != null) {
                return List.of(deliver(event, target));
            }
            // §8.5.3.2.1: no such resource. Only chat follows the bare JID rules; normal (also no type) is
            // bounced so the sender learns; groupchat, headline and error are ignored; an IQ is bounced
            if ("message".equals(kind)) {
                if ("chat".equals(type)) {
                    return toBareJid(event, address.bare());
                }
                return type == null || "normal".equals(type)
                        ? bounce(event, StanzaErrorCondition.SERVICE_UNAVAILABLE) : List.of();
            }
            if ("iq".equals(kind)) {
                return bounce(event, StanzaErrorCondition.SERVICE_UNAVAILABLE);
            }
            return List.of();
        }
        return toBareJid(event, address.bare());
    }

    /** §8.5.2: a local account's bare JID. */
    private List<Delivery> toBareJid(StanzaReceivedEvent event, String bare) {
        String type = event.type();
        switch (event.kind()) {
            case "message" -> {
                if ("error".equals(type)) {
                    return List.of();
                }
                if ("groupchat".equals(type)) {
                    return bounce(event, StanzaErrorCondition.SERVICE_UNAVAILABLE);
                }
                List<SessionEntry> targets = "headline".equals(type)
                        ? directory.nonNegative(bare) : directory.highestPriority(bare);
                if (targets.isEmpty()) {
                    // offline storage is the IM issue's; until then the sender learns it was not delivered
                    return "headline".equals(type) ? List.of() : bounce(event, StanzaErrorCondition.SERVICE_UNAVAILABLE);
                }
                return deliverAll(event, targets);
            }
            case "presence" -> {
                // directed presence to an account: every available session (subscriptions come with the IM issue)
                return deliverAll(event, directory.byBareJid(bare).stream().filter(SessionEntry::available).toList());
            }
            case "iq" -> {
                if ("result".equals(type) || "error".equals(type)) {
                    return List.of();
                }
                return answer(event, serverIq.answer(parse(event), false));
            }
            default -> {
                return List.of();
            }
        }
    }

    private List<Delivery> toServer(StanzaReceivedEvent event, boolean noTo) {
        String type = event.type();
        if ("iq".equals(event.kind())) {
            if ("result".equals(type) || "error".equals(type)) {
                return List.of();
            }
            return answer(event, serverIq.answer(parse(event), !noTo));
        }
        if ("message".equals(event.kind())) {
            // RFC 6120 §10.3.1: a message without 'to' is for the sender's own bare JID
            return noTo ? toBareJid(event, Address.parse(event.from()).bare())
                    : bounce(event, StanzaErrorCondition.SERVICE_UNAVAILABLE);
        }
        // broadcast presence and messages to one's own account: the IM issue's presence and carbons
        return List.of();
    }

    private List<Delivery> deliverAll(StanzaReceivedEvent event, Collection<SessionEntry> targets) {
        List<Delivery> out = new ArrayList<>(targets.size());
        for (SessionEntry target : targets) {
            out.add(deliver(event, target));
        }
        return out;
    }

    private static Delivery deliver(StanzaReceivedEvent event, SessionEntry target) {
        return new Delivery(target.edgeId(), EdgeDeliveryEvent.stanza(event.eventId() + "/" + target.sessionId(),
                target.sessionId(), event.xml()));
    }

    /** Sends a stanza error back to the sender's own session; never answers an error with an error. */
    private List<Delivery> bounce(StanzaReceivedEvent event, StanzaErrorCondition condition) {
        if ("error".equals(event.type()) || "presence".equals(event.kind())
                || ("iq".equals(event.kind()) && "result".equals(event.type()))) {
            return List.of(); // RFC 6120 §8.2.3: never an error for an error or a result
        }
        return answer(event, StanzaErrors.errorReply(parse(event), condition, null));
    }

    /**
     * Replies go straight back to the stream that sent the stanza, named in the event itself: the directory may not
     * have caught up with a session that just bound, and an edge drops deliveries for streams that are gone.
     */
    private List<Delivery> answer(StanzaReceivedEvent event, XmlElement reply) {
        return List.of(new Delivery(event.edgeId(), EdgeDeliveryEvent.stanza(event.eventId() + "/reply",
                event.sessionId(), reply.toXml())));
    }

    private static XmlElement parse(StanzaReceivedEvent event) {
        return Stanzas.parse(event.xml());
    }

    /** A JID already normalised by the edge, split without another round of stringprep. */
    record Address(String local, String domain, String resource) {
        static Address parse(String jid) {
            int slash = jid.indexOf('/');
            String barepart = slash < 0 ? jid : jid.substring(0, slash);
            String resource = slash < 0 ? null : jid.substring(slash + 1);
            int at = barepart.indexOf('@');
            return at < 0 ? new Address(null, barepart, resource)
                    : new Address(barepart.substring(0, at), barepart.substring(at + 1), resource);
        }

        String bare() {
            return local == null ? domain : local + "@" + domain;
        }
    }
}
