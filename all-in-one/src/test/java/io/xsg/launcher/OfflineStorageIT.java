package io.xsg.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.amp.AMPExpireAtCondition;
import org.jivesoftware.smackx.amp.packet.AMPExtension;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Offline storage (XEP-0160) with expiry (XEP-0079): what a user could not receive waits, in order and stamped, for
 * the next login; what expired meanwhile is dropped and its sender told; beyond the quota senders are refused.
 * The test gateway keeps 20 messages per account and purges every 500 ms.
 */
class OfflineStorageIT {

    @BeforeAll
    static void start() {
        TestGateway.get();
    }

    /** A client that sends no initial presence on login, so that the test decides when storage is flushed. */
    private static XMPPTCPConnection quietLogin(String user) throws Exception {
        XMPPTCPConnectionConfiguration config = Clients.starttls(user, TestGateway.c2sPort()).setSendPresence(false)
                .build();
        return Clients.login(config);
    }

    @Test
    void messagesForAnOfflineUserArriveInOrderWithADelayStampAtTheNextAvailablePresence() throws Exception {
        String mia = TestGateway.createAccount("mia");
        String noah = TestGateway.createAccount("noah");
        XMPPTCPConnection m = Clients.login(mia, "laptop");
        Instant before = Instant.now().minusSeconds(1);
        try {
            for (int i = 0; i < 5; i++) {
                m.sendStanza(ClientEndpointIT.chat(noah + "@a.test", "while you were out " + i));
            }
            var store = TestGateway.get().session().getBean(io.xsg.session.offline.OfflineStore.class);
            Clients.await(() -> store.count(noah) == 5, "five messages stored");

            XMPPTCPConnection n = quietLogin(noah);
            try {
                StanzaCollector inbox = n.createStanzaCollector(StanzaTypeFilter.MESSAGE);
                Message early = inbox.nextResult(500);
                assertThat(early).as("nothing before available presence").isNull();
                n.sendStanza(org.jivesoftware.smack.packet.PresenceBuilder.buildPresence().build());
                List<String> bodies = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    Message got = Clients.next(inbox);
                    assertThat(got).isNotNull();
                    bodies.add(got.getBody());
                    DelayInformation delay = DelayInformation.from(got);
                    assertThat(delay).as("XEP-0203 stamp").isNotNull();
                    assertThat(delay.getFrom()).isEqualTo(TestGateway.DOMAIN);
                    assertThat(delay.getStamp().toInstant()).isAfter(before).isBefore(Instant.now());
                    assertThat(got.getFrom().toString()).isEqualTo(mia + "@a.test/laptop");
                }
                assertThat(bodies).containsExactly("while you were out 0", "while you were out 1",
                        "while you were out 2", "while you were out 3", "while you were out 4");
                Clients.await(() -> store.count(noah) == 0, "storage emptied once delivered");
            } finally {
                n.disconnect();
            }
        } finally {
            m.disconnect();
        }
    }

    @Test
    void anExpiredStoredMessageIsDroppedAndItsSenderToldWhenTheRuleAsks() throws Exception {
        String olga = TestGateway.createAccount("olga");
        String paul = TestGateway.createAccount("paul");
        XMPPTCPConnection o = Clients.login(olga, "laptop");
        try {
            StanzaCollector atOlga = o.createStanzaCollector(StanzaTypeFilter.MESSAGE);
            Message soon = ClientEndpointIT.chat(paul + "@a.test", "stale in a second");
            var amp = new AMPExtension();
            amp.addRule(new AMPExtension.Rule(AMPExtension.Action.error,
                    new AMPExpireAtCondition(new java.util.Date(System.currentTimeMillis() + 1_000))));
            soon.addExtension(amp);
            o.sendStanza(soon);
            o.sendStanza(ClientEndpointIT.chat(paul + "@a.test", "still good"));

            Message error = Clients.next(atOlga);
            assertThat(error).as("the sender hears of the expiry").isNotNull();
            assertThat(error.getType()).isEqualTo(Message.Type.error);
            assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.undefined_condition);
            assertThat(error.getStanzaId()).isEqualTo(soon.getStanzaId());

            // a raw client sees every byte from its first presence on, so the flush cannot slip past unseen
            try (RawStream p = RawStream.bound(paul, "laptop")) {
                String flushed = p.send("<presence/>").readUntil("still good");
                assertThat(flushed).contains("still good").doesNotContain("stale in a second");
            }
            var store = TestGateway.get().session().getBean(io.xsg.session.offline.OfflineStore.class);
            Clients.await(() -> store.count(paul) == 0, "storage emptied");
        } finally {
            o.disconnect();
        }
    }

    @Test
    void beyondTheQuotaSendersAreRefused() throws Exception {
        String quinn = TestGateway.createAccount("quinn");
        String rosa = TestGateway.createAccount("rosa");
        XMPPTCPConnection q = Clients.login(quinn, "laptop");
        try {
            StanzaCollector atQuinn = q.createStanzaCollector(StanzaTypeFilter.MESSAGE);
            var store = TestGateway.get().session().getBean(io.xsg.session.offline.OfflineStore.class);
            for (int i = 0; i < 20; i++) {
                q.sendStanza(ClientEndpointIT.chat(rosa + "@a.test", "fill " + i));
            }
            Clients.await(() -> store.count(rosa) == 20, "the quota filled");
            Message overflow = ClientEndpointIT.chat(rosa + "@a.test", "one too many");
            q.sendStanza(overflow);
            Message error = Clients.next(atQuinn);
            assertThat(error).isNotNull();
            assertThat(error.getType()).isEqualTo(Message.Type.error);
            assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
            assertThat(error.getStanzaId()).isEqualTo(overflow.getStanzaId());
            assertThat(store.count(rosa)).isEqualTo(20);
        } finally {
            q.disconnect();
        }
    }
}
