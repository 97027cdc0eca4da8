package io.xsg.bridge;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** What each kind of MO SMS does ({@link MobileOriginatedFlow} picks the handler); the handset's lock is held. */
@Component
class MoHandlers {

    private static final Logger log = LoggerFactory.getLogger(MoHandlers.class);

    private final HandsetOutbox outboxes;
    private final ShortCodeCommands commands;
    private final PseudoClients pseudo;
    private final Handsets handsets;
    private final BridgeStanzas stanzas;
    private final SmsBridgeProperties properties;
    private final Clock clock;

    MoHandlers(HandsetOutbox outboxes, ShortCodeCommands commands, PseudoClients pseudo, Handsets handsets,
               BridgeStanzas stanzas, SmsBridgeProperties properties, Clock clock) {
        this.outboxes = outboxes;
        this.commands = commands;
        this.pseudo = pseudo;
        this.handsets = handsets;
        this.stanzas = stanzas;
        this.properties = properties;
        this.clock = clock;
    }

    void command(MoRoute r) {
        reply(r, commands.run("mo/" + r.mo().moId(), r.subscriber(), r.text(), r.out()));
    }

    void stranger(MoRoute r) {
        reply(r, ShortCodeCommands.notSubscribed(stanzas.domain()));
    }

    /** From the pseudo client, or from the number's own JID for a handset that is no subscriber. */
    void chat(MoRoute r) {
        String from = r.subscriber() != null ? pseudo.fullJid(r.subscriber().username())
                : stanzas.numberJid(r.handset());
        if (r.subscriber() != null) {
            handsets.active(r.handset());
        }
        r.out().stanza(stanzas.chat("sms/mo/" + r.mo().moId(), from, r.party(), r.text()));
        log.debug("MO {} from {} to {} for {}", r.mo().moId(), r.handset(), r.destination(), r.party());
    }

    void unallocated(MoRoute r) {
        reply(r, r.destination() + " stands for nobody (any more). Text @name@domain and your message to "
                + properties.shortCode() + " to write to someone.");
    }

    void unknownDestination(MoRoute r) {
        reply(r, "Nobody can be reached at " + r.destination() + " through this service.");
    }

    /** An SMS from the short code to the handset, behind whatever else it is waiting for. */
    void reply(MoRoute r, String text) {
        reply(r.mo().moId(), r.handset(), text, r.out());
    }

    void reply(String moId, String handset, String text, BridgeOutput out) {
        outboxes.enqueue("mo/" + moId + "/reply", HandsetOutbox.Sms.notice(handset, properties.shortCode(), text,
                clock.instant().plus(properties.defaultExpiry())), out);
    }
}
