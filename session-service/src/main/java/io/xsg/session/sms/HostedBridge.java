package io.xsg.session.sms;

import io.xsg.bridge.Contacts;
import io.xsg.bridge.SmsBridgeConfiguration;
import io.xsg.bridge.SubscriberDirectory;
import io.xsg.directory.SessionDirectory;
import io.xsg.session.roster.RosterItem;
import io.xsg.session.roster.RosterStore;
import io.xsg.session.subscriber.SubscriberStore;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The SMS bridge module, hosted here: its two ports answered from this service's subscribers, rosters and directory. */
@Configuration(proxyBeanMethods = false)
@Import(SmsBridgeConfiguration.class)
class HostedBridge {

    @Bean
    SubscriberDirectory subscriberDirectory(SubscriberStore subscribers) {
        return msisdn -> subscribers.byNumber(msisdn)
                .map(s -> new SubscriberDirectory.Subscriber(s.username(), s.msisdn()));
    }

    @Bean
    Contacts contacts(RosterStore rosters, SessionDirectory directory) {
        return new Contacts() {
            @Override
            public List<String> online(String username) {
                return rosters.all(username).stream()
                        .filter(i -> i.listed() && i.state().subscription().to())
                        .map(RosterItem::contact)
                        .filter(contact -> !directory.available(contact).isEmpty())
                        .toList();
            }

            @Override
            public boolean has(String username, String bareJid) {
                return rosters.find(username, bareJid).filter(RosterItem::listed).isPresent();
            }
        };
    }
}
