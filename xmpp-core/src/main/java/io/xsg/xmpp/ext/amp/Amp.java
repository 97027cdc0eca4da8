package io.xsg.xmpp.ext.amp;

import io.xsg.xmpp.error.StanzaErrorCondition;
import io.xsg.xmpp.xml.XmlElement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Advanced Message Processing (XEP-0079), the part this server implements: the {@code expire-at} condition with the
 * {@code drop}, {@code error} and {@code alert} actions. A message that carries any other condition or action is
 * refused with {@code unsupported-conditions} or {@code unsupported-actions} (§8.2.3), as a server that advertises
 * AMP must.
 */
public final class Amp {

    public static final String NAMESPACE = "http://jabber.org/protocol/amp";
    public static final String ERRORS_NAMESPACE = "http://jabber.org/protocol/amp#errors";
    public static final String EXPIRE_AT = "expire-at";
    /** The disco features: the protocol, then each condition and action it supports (§7.1). */
    public static final List<String> FEATURES = List.of(NAMESPACE, NAMESPACE + "?condition=" + EXPIRE_AT,
            NAMESPACE + "?action=drop", NAMESPACE + "?action=error", NAMESPACE + "?action=alert");
    private static final List<String> ACTIONS = List.of("drop", "error", "alert");

    private Amp() {
    }

    /** A cheap pre-check on the serialised stanza: only then is it worth parsing for rules. */
    public static boolean mentioned(String xml) {
        return xml.contains(NAMESPACE);
    }

    /** The message's rules, or an empty list when it has no {@code <amp/>}. */
    public static List<AmpRule> rules(XmlElement message) {
        XmlElement amp = message.firstChild("amp", NAMESPACE);
        if (amp == null) {
            return List.of();
        }
        List<AmpRule> rules = new ArrayList<>();
        for (XmlElement r : amp.childElements()) {
            if ("rule".equals(r.name()) && NAMESPACE.equals(r.namespace())) {
                rules.add(new AmpRule(r.attribute("condition"), r.attribute("action"), r.attribute("value")));
            }
        }
        return rules;
    }

    /**
     * The error for rules this server cannot honour, or {@code null} when it can honour them all: an unknown
     * condition (or an unreadable {@code expire-at} time) first, then an unknown action.
     */
    public static XmlElement refusal(XmlElement message, List<AmpRule> rules, String server) {
        List<AmpRule> badConditions = rules.stream()
                .filter(r -> !EXPIRE_AT.equals(r.condition()) || expiry(r) == null).toList();
        if (!badConditions.isEmpty()) {
            return error(message, server, StanzaErrorCondition.BAD_REQUEST, "unsupported-conditions", NAMESPACE,
                    badConditions);
        }
        List<AmpRule> badActions = rules.stream().filter(r -> !ACTIONS.contains(r.action())).toList();
        if (!badActions.isEmpty()) {
            return error(message, server, StanzaErrorCondition.BAD_REQUEST, "unsupported-actions", NAMESPACE,
                    badActions);
        }
        return null;
    }

    /** The earliest {@code expire-at} among the rules, or {@code null}. */
    public static Instant expiresAt(List<AmpRule> rules) {
        Instant earliest = null;
        for (AmpRule r : rules) {
            Instant at = EXPIRE_AT.equals(r.condition()) ? expiry(r) : null;
            if (at != null && (earliest == null || at.isBefore(earliest))) {
                earliest = at;
            }
        }
        return earliest;
    }

    /** The first {@code expire-at} rule whose time has come, or {@code null}. */
    public static AmpRule expired(List<AmpRule> rules, Instant now) {
        for (AmpRule r : rules) {
            Instant at = EXPIRE_AT.equals(r.condition()) ? expiry(r) : null;
            if (at != null && !now.isBefore(at)) {
                return r;
            }
        }
        return null;
    }

    /**
     * What the sender is told when {@code rule} fired on its message: nothing for {@code drop}, a
     * {@code <failed-rules/>} error for {@code error} (§3.4.2), an alert message for {@code alert} (§3.4.1).
     */
    public static XmlElement notice(XmlElement message, AmpRule rule, String server) {
        return switch (rule.action()) {
            case "error" -> error(message, server, StanzaErrorCondition.UNDEFINED_CONDITION, "failed-rules",
                    ERRORS_NAMESPACE, List.of(rule));
            case "alert" -> {
                var b = XmlElement.builder("message", message.namespace()).attribute("from", server)
                        .attribute("to", message.attribute("from"));
                if (message.attribute("id") != null) {
                    b.attribute("id", message.attribute("id"));
                }
                var amp = XmlElement.builder("amp", NAMESPACE).attribute("status", "alert");
                if (message.attribute("to") != null) {
                    amp.attribute("to", message.attribute("to"));
                }
                amp.attribute("from", message.attribute("from"));
                yield b.child(amp.child(rule.toElement()).build()).build();
            }
            default -> null;
        };
    }

    private static XmlElement error(XmlElement message, String server, StanzaErrorCondition condition,
                                    String detail, String detailNs, List<AmpRule> rules) {
        var b = XmlElement.builder("message", message.namespace()).attribute("from", server)
                .attribute("to", message.attribute("from")).attribute("type", "error");
        if (message.attribute("id") != null) {
            b.attribute("id", message.attribute("id"));
        }
        var amp = XmlElement.builder("amp", NAMESPACE).attribute("status", "error");
        var listed = XmlElement.builder(detail, detailNs);
        for (AmpRule r : rules) {
            amp.child(r.toElement());
            listed.child(XmlElement.builder("rule", detailNs).attribute("condition", nullToEmpty(r.condition()))
                    .attribute("action", nullToEmpty(r.action())).attribute("value", nullToEmpty(r.value())).build());
        }
        var error = XmlElement.builder("error", message.namespace()).attribute("type", condition.defaultType().value())
                .child(XmlElement.builder(condition.elementName(), StanzaErrorCondition.NAMESPACE).build())
                .child(listed.build());
        return b.child(amp.build()).child(error.build()).build();
    }

    private static Instant expiry(AmpRule rule) {
        if (rule.value() == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(rule.value().trim()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
