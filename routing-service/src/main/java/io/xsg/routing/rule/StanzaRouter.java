package io.xsg.routing.rule;

import io.xsg.delivery.Delivery;
import io.xsg.directory.SessionDirectory;
import io.xsg.events.v1.AccountStanzaEvent.Purpose;
import io.xsg.events.v1.AccountStanzaEvent;
import io.xsg.events.v1.EdgeDeliveryEvent;
import io.xsg.events.v1.SessionEntry;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.xmpp.error.StanzaErrorCondition;
import io.xsg.xmpp.error.StanzaErrors;
import io.xsg.xmpp.ext.amp.Amp;
import io.xsg.xmpp.ext.amp.AmpRule;
import io.xsg.xmpp.jid.Destinations;
import io.xsg.xmpp.jid.JidParts;
import io.xsg.xmpp.stanza.AccountConcerns;
import io.xsg.xmpp.stanza.Stanzas;
import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.XmlElement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The delivery rules of RFC 6121 §8: a full JID goes to its session, a bare JID to the highest-priority available
 * session(s), the server's own IQs are answered, and whatever cannot be delivered comes back to the sender as a
 * stanza error (never an error for an error). What needs an account's state goes to the session service instead:
 * every presence a user sends (broadcast, directed, subscriptions), roster IQs, and messages no resource may receive
 * now (offline storage). Message Carbons and XEP-0079 expiry are applied on the way. Pure: the outcome depends on the
 * event, the directory and the clock only.
 */
public final class StanzaRouter {

    static final String ROSTER_NS = Namespaces.ROSTER;

    private final String domain;
    private final Destinations destinations;
    private final SessionDirectory directory;
    private final ServerIqHandler serverIq;
    private final CarbonCopies carbons;
    private final Clock clock;
    private final boolean federation;

    /** Without federation: a stanza for another domain comes back with {@code remote-server-not-found}. */
    public StanzaRouter(String domain, SessionDirectory directory, Clock clock) {
        this(domain, directory, clock, false);
    }

    /** @param federation whether other domains are reached through the edges' server-to-server streams */
    public StanzaRouter(String domain, SessionDirectory directory, Clock clock, boolean federation) {
        this.federation = federation;
        this.domain = domain;
        this.destinations = new Destinations(domain);
        this.directory = directory;
        this.serverIq = new ServerIqHandler(domain);
        this.carbons = new CarbonCopies(directory);
        this.clock = clock;
    }

    public Routed route(StanzaReceivedEvent event) {
        String to = event.to();
        if ("presence".equals(event.kind())) {
            return presence(event);
        }
        if (to == null || to.equals(domain)) {
            return toServer(event, to == null);
        }
        JidParts address = JidParts.parse(to);
        switch (destinations.kindOf(address)) {
            case ACCOUNT -> {
                // below: the rules of RFC 6121 §8.5
            }
            // a resource of the domain itself
            case SERVER -> {
                return bounce(event, StanzaErrorCondition.SERVICE_UNAVAILABLE);
            }
            case SMS -> {
                return toPhoneNumber(event, address);
            }
            // the operator's other services are not served by this deployment yet
            case COMPONENT -> {
                return bounce(event, StanzaErrorCondition.SERVICE_UNAVAILABLE);
            }
            case REMOTE -> {
                return toRemote(event);
            }
        }
        if ("message".equals(event.kind())) {
            return message(event, address);
        }
        if ("iq".equals(event.kind())) {
            if (address.resource() != null) {
                SessionEntry target = live(event, directory.byFullJid(to));
                return target != null ? Routed.deliver(List.of(deliver(event, target)))
                        : bounce(event, StanzaErrorCondition.SERVICE_UNAVAILABLE);
            }
            return accountIq(event, address.bare());
        }
        return Routed.NOTHING;
    }

    /**
     * To another domain, over federation (RFC 6120 §10.4): the edge that owns the domain's stream sends it; a message's
     * sender's other resources get their carbon copies (XEP-0280), and XEP-0079 rules are applied here as for a local
     * recipient. Only local senders' stanzas leave: a server never relays between two other domains.
     */
    private Routed toRemote(StanzaReceivedEvent event) {
        if (!federation) {
            return bounce(event, StanzaErrorCondition.REMOTE_SERVER_NOT_FOUND);
        }
        if (fromRemote(event)) {
            return Routed.NOTHING;
        }
        List<Delivery> copies = List.of();
        if ("message".equals(event.kind())) {
            if (Amp.mentioned(event.xml()) && !"error".equals(event.type())) {
                Routed amp = amp(event);
                if (amp != null) {
                    return amp;
                }
            }
            if (event.failedSession() == null) {
                copies = carbons.copies(event, null, List.of());
            }
        }
        return Routed.remote(event, copies);
    }

    private boolean fromRemote(StanzaReceivedEvent event) {
        return destinations.kindOf(event.from()) == Destinations.Kind.REMOTE;
    }

    /**
     * RFC 6121 §4: presence from a user is the session service's (it knows the roster), except errors, which are
     * delivered like messages, and probes, which only servers send. Presence from another domain's user (over
     * federation) is inbound: subscription stanzas and probes go to the local contact's account, availability to
     * the contact's sessions.
     */
    private Routed presence(StanzaReceivedEvent event) {
        String type = event.type();
        if (!"error".equals(type) && fromRemote(event)) {
            return remotePresence(event);
        }
        if ("error".equals(type)) {
            if (event.to() == null || !JidParts.domainOf(event.to()).equals(domain)) {
                return Routed.NOTHING;
            }
            SessionEntry full = directory.byFullJid(event.to());
            Collection<SessionEntry> targets = full != null ? List.of(full)
                    : JidParts.parse(event.to()).isFull() ? List.of() : directory.available(event.to());
            return Routed.deliver(deliverAll(event, targets));
        }
        if ("probe".equals(type) || domain.equals(event.to())) {
            return Routed.NOTHING;
        }
        return forward(event, JidParts.bare(event.from()), Purpose.OUTBOUND_PRESENCE);
    }

    /** Presence a remote user sent to a local one (RFC 6121 §3.1.3, §4.3.2, §4.4.3, §4.6.3). */
    private Routed remotePresence(StanzaReceivedEvent event) {
        if (event.to() == null || destinations.kindOf(event.to()) != Destinations.Kind.ACCOUNT) {
            return Routed.NOTHING;
        }
        String type = event.type();
        String bare = JidParts.bare(event.to());
        if (type != null && AccountConcerns.SUBSCRIPTION_TYPES.contains(type)) {
            return forward(event, bare, Purpose.INBOUND_SUBSCRIPTION);
        }
        if ("probe".equals(type)) {
            return forward(event, bare, Purpose.PROBE);
        }
        if (type != null && !"unavailable".equals(type)) {
            return Routed.NOTHING;
        }
        SessionEntry full = directory.byFullJid(event.to());
        Collection<SessionEntry> targets = full != null ? List.of(full)
                : JidParts.parse(event.to()).isFull() ? List.of() : directory.available(bare);
        return Routed.deliver(deliverAll(event, targets));
    }

    /** §8.5.2 for a local account's bare JID, §8.5.3 for a full one, with offline storage where they allow it. */
    private Routed message(StanzaReceivedEvent event, JidParts address) {
        String type = event.type();
        if (Amp.mentioned(event.xml()) && !"error".equals(type)) {
            Routed amp = amp(event);
            if (amp != null) {
                return amp;
            }
        }
        String bare = address.bare();
        boolean resent = event.failedSession() != null;
        if (address.resource() != null) {
            SessionEntry target = live(event, directory.byFullJid(event.to()));
            if (target != null) {
                return withCarbons(event, bare, List.of(target));
            }
            // §8.5.3.2.1: no such resource. Only chat follows the bare JID rules; normal (also no type) is
            // bounced so the sender learns; groupchat, headline and error are ignored. A message re-sent from a
            // failed stream was already accepted for this account: it follows the bare JID rules whatever its type
            boolean asBare = "chat".equals(type) || (resent && (type == null || "normal".equals(type)));
            if (!asBare) {
                return type == null || "normal".equals(type)
                        ? bounce(event, StanzaErrorCondition.SERVICE_UNAVAILABLE) : Routed.NOTHING;
            }
        }
        if ("error".equals(type)) {
            return Routed.NOTHING;
        }
        if ("groupchat".equals(type)) {
            return bounce(event, StanzaErrorCondition.SERVICE_UNAVAILABLE);
        }
        boolean headline = "headline".equals(type);
        List<SessionEntry> targets = excludingFailed(event,
                headline ? directory.nonNegative(bare) : directory.highestPriority(bare));
        if (targets.isEmpty()) {
            // §8.5.2.2: nobody may receive it now; chat and normal are stored (the session service also
            // answers for accounts that do not exist), headline is dropped
            if (headline) {
                return Routed.NOTHING;
            }
            // XEP-0280 §6: the sender's other resources see what it sent, whether or not anyone received it yet
            List<Delivery> sentCopies = resent ? List.of() : carbons.copies(event, null, List.of());
            return Routed.store(new AccountStanzaEvent(bare, Purpose.OFFLINE_MESSAGE, event), sentCopies);
        }
        return withCarbons(event, bare, targets);
    }

    /**
     * A message to a phone number goes to the SMS bridge, keyed by the number (one handset, one queue, whoever
     * writes); the bridge decides whether the sender may text it. A phone answers no IQ, and the bridge's own
     * address ({@code sms.a.test}) nothing yet.
     */
    private Routed toPhoneNumber(StanzaReceivedEvent event, JidParts address) {
        if (!"message".equals(event.kind()) || address.local() == null) {
            return bounce(event, StanzaErrorCondition.SERVICE_UNAVAILABLE);
        }
        if ("error".equals(event.type())) {
            return Routed.NOTHING;
        }
        if (Amp.mentioned(event.xml())) {
            Routed amp = amp(event); // rules the bridge cannot honour are refused, an expired message dropped
            if (amp != null) {
                return amp;
            }
        }
        return forward(event, address.local(), Purpose.SMS_OUTBOUND);
    }

    /** XEP-0079: rules this server cannot honour are refused; an expired message is dropped, the sender told if asked. */
    private Routed amp(StanzaReceivedEvent event) {
        XmlElement message = Stanzas.parse(event.xml());
        List<AmpRule> rules = Amp.rules(message);
        if (rules.isEmpty()) {
            return null;
        }
        XmlElement refusal = Amp.refusal(message, rules, domain);
        if (refusal != null) {
            return answer(event, refusal);
        }
        AmpRule fired = Amp.expired(rules, clock.instant());
        if (fired == null) {
            return null;
        }
        XmlElement notice = Amp.notice(message, fired, domain);
        return notice == null ? Routed.NOTHING : answer(event, notice);
    }

    /** The target, unless it is the stream a re-sent stanza failed on (the directory may not know it is gone). */
    private static SessionEntry live(StanzaReceivedEvent event, SessionEntry target) {
        return target != null && target.sessionId().equals(event.failedSession()) ? null : target;
    }

    private static List<SessionEntry> excludingFailed(StanzaReceivedEvent event, List<SessionEntry> targets) {
        if (event.failedSession() == null) {
            return targets;
        }
        return targets.stream().filter(t -> !t.sessionId().equals(event.failedSession())).toList();
    }

    private Routed withCarbons(StanzaReceivedEvent event, String recipientBare, List<SessionEntry> targets) {
        List<Delivery> out = deliverAll(event, targets);
        if (event.failedSession() != null) {
            return Routed.deliver(out); // its copies went out when it was first delivered
        }
        List<Delivery> copies = carbons.copies(event, recipientBare, targets);
        // the user has it on another device too: a failing stream need not send it round again (XEP-0198 §4)
        boolean shared = targets.size() > 1 || copies.stream().anyMatch(c -> isSessionOf(c, recipientBare));
        if (shared) {
            out = out.stream().map(Delivery::asShared).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        }
        if (!copies.isEmpty()) {
            out = new ArrayList<>(out);
            out.addAll(copies);
        }
        return Routed.deliver(out);
    }

    private boolean isSessionOf(Delivery copy, String bare) {
        SessionEntry s = directory.bySessionId(copy.event().sessionId());
        return s != null && s.bareJid().equals(bare);
    }

    /** An IQ to an account's bare JID: its roster when it is the sender's own, otherwise the server answers. */
    private Routed accountIq(StanzaReceivedEvent event, String bare) {
        String type = event.type();
        if ("result".equals(type) || "error".equals(type)) {
            return Routed.NOTHING;
        }
        XmlElement iq = Stanzas.parse(event.xml());
        if (AccountConcerns.isRosterQuery(iq)) {
            return bare.equals(JidParts.bare(event.from())) ? forward(event, bare, Purpose.ROSTER)
                    : answer(event, StanzaErrors.errorReply(iq, StanzaErrorCondition.FORBIDDEN,
                            "only your own roster")); // RFC 6121 §2.1.5
        }
        return answer(event, serverIq.answer(iq, false));
    }

    private Routed toServer(StanzaReceivedEvent event, boolean noTo) {
        String type = event.type();
        if ("iq".equals(event.kind())) {
            if ("result".equals(type) || "error".equals(type)) {
                return Routed.NOTHING;
            }
            XmlElement iq = Stanzas.parse(event.xml());
            if (noTo && AccountConcerns.isRosterQuery(iq)) {
                return forward(event, JidParts.bare(event.from()), Purpose.ROSTER);
            }
            return answer(event, serverIq.answer(iq, !noTo));
        }
        if ("message".equals(event.kind())) {
            // RFC 6120 §10.3.1: a message without 'to' is for the sender's own bare JID
            return noTo ? message(event, JidParts.parse(JidParts.bare(event.from())))
                    : bounce(event, StanzaErrorCondition.SERVICE_UNAVAILABLE);
        }
        return Routed.NOTHING;
    }


    private static Routed forward(StanzaReceivedEvent event, String account, Purpose purpose) {
        return Routed.forward(new AccountStanzaEvent(account, purpose, event));
    }

    private static List<Delivery> deliverAll(StanzaReceivedEvent event, Collection<SessionEntry> targets) {
        List<Delivery> out = new ArrayList<>(targets.size());
        for (SessionEntry target : targets) {
            out.add(deliver(event, target));
        }
        return out;
    }

    private static Delivery deliver(StanzaReceivedEvent event, SessionEntry target) {
        return Delivery.stanza(event.eventId(), target, event.xml());
    }

    /** Sends a stanza error back to the sender; never answers an error with an error. */
    private Routed bounce(StanzaReceivedEvent event, StanzaErrorCondition condition) {
        if ("error".equals(event.type()) || "presence".equals(event.kind())
                || ("iq".equals(event.kind()) && "result".equals(event.type()))) {
            return Routed.NOTHING; // RFC 6120 §8.2.3: never an error for an error or a result
        }
        return answer(event, StanzaErrors.errorReply(Stanzas.parse(event.xml()), condition, null));
    }

    /**
     * Replies go straight back to the stream that sent the stanza, named in the event itself: the directory may not
     * have caught up with a session that just bound, and an edge drops deliveries for streams that are gone. A stanza
     * the server itself re-sent (stream management) names no stream: the reply goes to the sender's session, if any.
     */
    private Routed answer(StanzaReceivedEvent event, XmlElement reply) {
        String xml = reply.toXml();
        if (fromRemote(event)) {
            if (!federation) {
                return Routed.NOTHING;
            }
            // back over federation: the edge that owns the sender's domain sends it
            return Routed.remote(new StanzaReceivedEvent(event.eventId() + "/reply", reply.name(),
                    reply.attribute("type"), reply.attribute("from") != null ? reply.attribute("from") : domain,
                    event.from(), xml, null, null, clock.millis()), List.of());
        }
        if (event.sessionId() == null) {
            SessionEntry sender = directory.byFullJid(event.from());
            return sender == null ? Routed.NOTHING
                    : Routed.toSender(Delivery.stanza(event.eventId() + "/reply", sender, xml));
        }
        return Routed.toSender(new Delivery(event.edgeId(),
                EdgeDeliveryEvent.stanza(event.eventId() + "/reply", event.sessionId(), xml)));
    }
}
