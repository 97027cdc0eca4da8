package io.xsg.session.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.delivery.Delivery;
import io.xsg.directory.SessionDirectory;
import io.xsg.events.serde.EventSerdes;
import io.xsg.events.v1.AccountStanzaEvent.Purpose;
import io.xsg.events.v1.AccountStanzaEvent;
import io.xsg.events.v1.SessionEntry;
import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.session.TestSchema;
import io.xsg.session.account.AccountStore;
import io.xsg.session.offline.OfflineStore;
import io.xsg.session.subscriber.SubscriberStore;
import io.xsg.xmpp.ext.amp.Amp;
import io.xsg.xmpp.jid.JidParts;
import io.xsg.xmpp.stanza.ClientStamp;
import io.xsg.xmpp.stanza.Stanzas;
import io.xsg.xmpp.xml.XmlElement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The account stanza handlers on the real PostgreSQL, without Kafka: the outbox shows what would be published. The
 * Smack integration tests cover the same paths end to end; these pin the replies and limits exactly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AccountStanzaDispatcherTest {

    private static final TestSchema SCHEMA = TestSchema.unique("im");
    private static final String CLIENT = "jabber:client";
    private static final String ROSTER = "jabber:iq:roster";
    private static final AtomicInteger IDS = new AtomicInteger();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
        registry.add("gateway.session.roster.max-items", () -> "2");
        registry.add("gateway.session.offline.max-messages-per-user", () -> "2");
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        SCHEMA.drop();
    }

    @Autowired
    AccountStanzaDispatcher dispatcher;
    @Autowired
    AccountStore accounts;
    @Autowired
    OfflineStore offline;
    @Autowired
    SessionDirectory directory;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    SubscriberStore subscribers;

    private String user;
    private SessionEntry laptop;

    @BeforeEach
    void account() {
        user = "u" + IDS.incrementAndGet() + Long.toString(System.nanoTime() % 100_000, 36);
        accounts.create(user, "password-123");
        laptop = new SessionEntry("s-" + user, user + "@a.test/laptop", "edge-1", "inc", true, 0, 1, null, true,
                false); // as an edge binds it: taking roster pushes
        directory.apply(laptop.sessionId(), laptop, e -> { });
    }

    private Outbox handle(Purpose purpose, String account, XmlElement stanza, String from) {
        // as the edge stamps it
        var stamped = (ClientStamp.Stamped) ClientStamp.stamp(stanza, from, JidParts.bare(from), "a.test");
        var event = new StanzaReceivedEvent("e" + IDS.incrementAndGet(), stanza.name(), stanza.attribute("type"), from,
                stamped.to(), stamped.stanza().toXml(), "edge-1",
                from.endsWith("/laptop") ? laptop.sessionId() : null, 0);
        var outbox = new Outbox();
        transactions.executeWithoutResult(status -> dispatcher.handle(new AccountStanzaEvent(account, purpose, event),
                outbox));
        return outbox;
    }

    private Outbox roster(XmlElement iq) {
        return handle(Purpose.ROSTER, user + "@a.test", iq, laptop.fullJid());
    }

    private static XmlElement get(String ver) {
        var query = XmlElement.builder("query", ROSTER);
        if (ver != null) {
            query.attribute("ver", ver);
        }
        return XmlElement.builder("iq", CLIENT).attribute("type", "get").attribute("id", "g").child(query.build())
                .build();
    }

    private static XmlElement set(String jid, String... groups) {
        var item = XmlElement.builder("item", ROSTER).attribute("jid", jid);
        for (String g : groups) {
            item.child(XmlElement.builder("group", ROSTER).text(g).build());
        }
        return XmlElement.builder("iq", CLIENT).attribute("type", "set").attribute("id", "s")
                .child(XmlElement.builder("query", ROSTER).child(item.build()).build()).build();
    }

    private static List<XmlElement> payloads(Outbox outbox) {
        return outbox.deliveries().stream().map(Delivery::event).map(e -> Stanzas.parse(e.payload())).toList();
    }

    private static String errorCondition(XmlElement reply) {
        return reply.firstChild("error", CLIENT).childElements().get(0).name();
    }

    private Outbox sms(String number) {
        XmlElement message = XmlElement.builder("message", CLIENT).attribute("to", number + "@sms.a.test")
                .attribute("id", "sms1").attribute("type", "chat")
                .child(XmlElement.builder("body", CLIENT).text("hello").build()).build();
        return handle(Purpose.SMS_OUTBOUND, number, message, laptop.fullJid());
    }

    private String smsRefusal(String number) {
        List<XmlElement> out = payloads(sms(number));
        assertThat(out).singleElement().satisfies(reply -> {
            assertThat(reply.attribute("type")).isEqualTo("error");
            assertThat(reply.attribute("id")).isEqualTo("sms1");
        });
        return errorCondition(out.get(0));
    }

    @Test
    void theGatewayIsNoOpenRelay() {
        assertThat(smsRefusal("+1234555666")).as("neither subscriber nor provider").isEqualTo("forbidden");
        subscribers.smsSender(user, true);
        assertThat(smsRefusal("+12")).as("not a number").isEqualTo("item-not-found");
        Outbox queued = sms("+1234555666");
        assertThat(queued.deliveries()).as("no answer: the SMS is on its way").isEmpty();
        assertThat(queued.records()).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo("sms.submit.smsc-1");
            assertThat(r.key()).isEqualTo("+1234555666");
            assertThat(r.value()).contains("\"text\":\"hello\"").contains("\"correlationId\":\"sms1\"")
                    .contains("\"requester\":\"" + laptop.fullJid() + "\"");
        });
        assertThat(sms("+1234555666").records()).as("the handset's next SMS waits for the first one's receipt")
                .isEmpty();
        XmlElement expiring = XmlElement.builder("message", CLIENT).attribute("to", "+1234555667@sms.a.test")
                .attribute("id", "sms2").child(XmlElement.builder("body", CLIENT).text("soon").build())
                .child(XmlElement.builder("amp", Amp.NAMESPACE).child(XmlElement.builder("rule", Amp.NAMESPACE)
                        .attribute("condition", "expire-at").attribute("action", "drop")
                        .attribute("value", "2030-01-01T00:00:00Z").build()).build()).build();
        var record = handle(Purpose.SMS_OUTBOUND, "+1234555667", expiring, laptop.fullJid()).records().get(0);
        assertThat(EventSerdes.smsSubmit().deserialize(record.topic(),
                record.value().getBytes(java.nio.charset.StandardCharsets.UTF_8)).expiresAt())
                .as("XEP-0079 expire-at is the SMS's validity").isEqualTo(java.time.Instant.parse("2030-01-01T00:00:00Z"));
        subscribers.smsSender(user, false);
        subscribers.add(user, "+1234555" + (100 + IDS.incrementAndGet() % 800));
        assertThat(sms("+1234555668").records()).as("a subscriber may text too").hasSize(1);
    }

    @Test
    void aRosterSetIsPushedAndRaisesTheVersionAndACurrentVersionGetsAnEmptyResult() {
        List<XmlElement> out = payloads(roster(set("Friend@A.test", "work")));
        assertThat(out).hasSize(2);
        assertThat(out.get(1).attribute("type")).as("the result after the push").isEqualTo("result");
        XmlElement push = out.get(0);
        assertThat(push.attribute("type")).isEqualTo("set");
        XmlElement query = push.firstChild("query", ROSTER);
        assertThat(query.attribute("ver")).isEqualTo("1");
        XmlElement item = query.firstChild("item", ROSTER);
        assertThat(item.attribute("jid")).as("normalised").isEqualTo("friend@a.test");
        assertThat(item.attribute("subscription")).isEqualTo("none");

        XmlElement full = payloads(roster(get(null))).get(0);
        assertThat(full.firstChild("query", ROSTER).attribute("ver")).isEqualTo("1");
        assertThat(full.firstChild("query", ROSTER).childElements()).hasSize(1);
        XmlElement unchanged = payloads(roster(get("1"))).get(0);
        assertThat(unchanged.attribute("type")).isEqualTo("result");
        assertThat(unchanged.childElements()).as("XEP-0237: nothing to send").isEmpty();
    }

    @Test
    void badRosterSetsAreRefusedWithTheRfcConditions() {
        assertThat(errorCondition(payloads(roster(set("a@b.test", "g", "g"))).get(0))).isEqualTo("bad-request");
        assertThat(errorCondition(payloads(roster(set("a@b.test", " "))).get(0))).isEqualTo("not-acceptable");
        var remove = XmlElement.builder("iq", CLIENT).attribute("type", "set").attribute("id", "r")
                .child(XmlElement.builder("query", ROSTER).child(XmlElement.builder("item", ROSTER)
                        .attribute("jid", "nobody@b.test").attribute("subscription", "remove").build()).build())
                .build();
        assertThat(errorCondition(payloads(roster(remove)).get(0))).isEqualTo("item-not-found");
        roster(set("one@b.test"));
        roster(set("two@b.test"));
        assertThat(errorCondition(payloads(roster(set("three@b.test"))).get(0))).as("max-items is 2")
                .isEqualTo("not-allowed");
    }

    private Outbox offer(String to, String body) {
        var message = XmlElement.builder("message", CLIENT).attribute("to", to).attribute("type", "chat")
                .attribute("id", "m");
        if (body != null) {
            message.child(XmlElement.builder("body", CLIENT).text(body).build());
        }
        return handle(Purpose.OFFLINE_MESSAGE, to, message.build(), laptop.fullJid());
    }

    @Test
    void offlineStorageKeepsWhatIsWorthReadingUpToTheQuota() {
        String away = "away" + user;
        accounts.create(away, "password-123");
        String bare = away + "@a.test";

        assertThat(offer(bare, null).deliveries()).isEmpty();
        assertThat(offline.count(away)).as("a bodyless chat state is not stored").isZero();
        offer(bare, "one");
        offer(bare, "two");
        assertThat(offline.count(away)).isEqualTo(2);
        List<XmlElement> refused = payloads(offer(bare, "three"));
        assertThat(errorCondition(refused.get(0))).isEqualTo("service-unavailable");
        assertThat(offline.count(away)).isEqualTo(2);

        assertThat(errorCondition(payloads(offer("nobody" + user + "@a.test", "hello?")).get(0)))
                .as("no such account").isEqualTo("service-unavailable");
    }
}
