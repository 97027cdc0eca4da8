package io.xsg.xmpp.ext.amp;

import io.xsg.xmpp.xml.XmlElement;

/** One XEP-0079 rule: a condition, the action taken when it is met, and the condition's value. */
public record AmpRule(String condition, String action, String value) {

    XmlElement toElement() {
        var b = XmlElement.builder("rule", Amp.NAMESPACE);
        if (condition != null) {
            b.attribute("condition", condition);
        }
        if (action != null) {
            b.attribute("action", action);
        }
        if (value != null) {
            b.attribute("value", value);
        }
        return b.build();
    }
}
