package io.xsg.routing.rule;

import io.xsg.directory.SessionDirectory;
import io.xsg.routing.config.XmppDomainProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RuleConfiguration {

    @Bean
    StanzaRouter stanzaRouter(XmppDomainProperties xmpp, SessionDirectory directory) {
        return new StanzaRouter(xmpp.domain(), directory, Clock.systemUTC(), xmpp.s2s().enabled());
    }
}
