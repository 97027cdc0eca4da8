package io.xsg.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.events.v1.StanzaReceivedEvent;
import io.xsg.events.v1.sms.SmsMobileOriginated;
import io.xsg.session.SessionServiceApplication;
import io.xsg.session.TestSchema;
import io.xsg.session.account.AccountStore;
import io.xsg.session.subscriber.SubscriberStore;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
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
 * A handset's SMS to the bridge on the real PostgreSQL, as {@code sms.smsc-events} would bring them: commands to the
 * short code, replies to virtual numbers, and the bad input a handset can send. The window is wide here so that every
 * answer is visible at once; pacing is {@link HandsetOutboxTest}'s.
 */
@SpringBootTest(classes = SessionServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
        "gateway.session.im.enabled=false", "gateway.session.reaper.enabled=false",
        "gateway.session.console.enabled=false", "gateway.sms.window=50", "gateway.sms.mo-per-minute=8",
        "gateway.sms.virtual-numbers.digits=1"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ShortCodeTest {

    private static final TestSchema SCHEMA = TestSchema.unique("sms_short_code");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        SCHEMA.drop();
    }

    @Autowired
    MobileOriginated mo;
    @Autowired
    AccountStore accounts;
    @Autowired
    SubscriberStore subscribers;
    @Autowired
    VirtualNumbers numbers;
    @Autowired
    Handsets handsets;
    @Autowired
    TransactionTemplate transactions;

    private final RecordingOutput out = new RecordingOutput();
    private String joe;
    private String msisdn;

    @BeforeEach
    void subscriber() {
        joe = "joe" + UUID.randomUUID().toString().substring(0, 8);
        msisdn = "+1415555" + String.format("%04d", (int) (Math.random() * 10_000));
        accounts.create(joe, "password-" + joe);
        subscribers.add(joe, msisdn);
    }

    private void text(String from, String to, String body) {
        text(UUID.randomUUID().toString(), from, to, body);
    }

    private void text(String moId, String from, String to, String body) {
        var sms = new SmsMobileOriginated(moId, "smsc-1", from, to, body, 1, true, List.of(), Instant.now());
        transactions.executeWithoutResult(tx -> mo.handle(sms, out));
    }

    @Test
    void loginMakesThePseudoClientAnAvailableSessionAndLogoutEndsIt() {
        text(msisdn, "123", "login");
        assertThat(out.directory).hasSize(1);
        var entry = out.directory.get(0).getValue();
        assertThat(entry.fullJid()).isEqualTo(joe + "@a.test/sms");
        assertThat(entry.edgeId()).isEqualTo(PseudoClients.EDGE_ID);
        assertThat(entry.available()).isTrue();
        StanzaReceivedEvent presence = out.stanzas.get(0);
        assertThat(presence.kind()).isEqualTo("presence");
        assertThat(presence.type()).isNull();
        assertThat(presence.sessionId()).isEqualTo(entry.sessionId());
        assertThat(out.lastText()).startsWith("You are online as " + joe + "@a.test");
        assertThat(out.submits.get(0).source().address()).isEqualTo("123");
        assertThat(handsets.login(msisdn)).isPresent();

        out.clear();
        text(msisdn, "123", "LOGIN");
        assertThat(out.directory).isEmpty();
        assertThat(out.lastText()).startsWith("You are online already");

        out.clear();
        text(msisdn, "123", " Logout ");
        assertThat(out.stanzas).singleElement().satisfies(p -> assertThat(p.type()).isEqualTo("unavailable"));
        assertThat(out.directory).singleElement().satisfies(e -> {
            assertThat(e.getKey()).isEqualTo(entry.sessionId());
            assertThat(e.getValue()).as("a tombstone").isNull();
        });
        assertThat(handsets.login(msisdn)).isEmpty();
    }

    @Test
    void writingToSomeoneNewAllocatesANumberThatRepliesReach() {
        text(msisdn, "123", "@bob@b.test Hello Bob");
        StanzaReceivedEvent chat = out.stanzas.get(0);
        assertThat(chat.from()).isEqualTo(joe + "@a.test/sms");
        assertThat(chat.to()).isEqualTo("bob@b.test");
        assertThat(chat.xml()).contains("Hello Bob");
        assertThat(out.lastText()).isEqualTo("Sent. bob@b.test is X1 for you: reply to it to continue.");

        out.clear();
        text(msisdn, "X1", "and again");
        assertThat(out.submits).as("no answer to a chat").isEmpty();
        assertThat(out.stanzas).singleElement().satisfies(s -> {
            assertThat(s.to()).isEqualTo("bob@b.test");
            assertThat(s.xml()).contains("and again");
        });

        out.clear();
        text(msisdn, "X7", "to nobody");
        assertThat(out.stanzas).isEmpty();
        assertThat(out.lastText()).startsWith("X7 stands for nobody");
    }

    @Test
    void theRangeWrapsOntoTheLeastRecentlyUsedNumberAndItsNewParty() {
        for (int i = 1; i <= 9; i++) {
            String number = transactions.execute(tx -> {
                handsets.lock(msisdn);
                return numbers.numberFor(msisdn, "p" + UUID.randomUUID() + "@b.test");
            });
            assertThat(number).isEqualTo("X" + i);
        }
        transactions.executeWithoutResult(tx -> numbers.jidFor(msisdn, "X1")); // X1 used again: X2 is the oldest
        text(msisdn, "123", "@carol@c.test hi");
        assertThat(out.lastText()).contains("carol@c.test is X2");
        out.clear();
        text(msisdn, "X2", "reply to the reused number");
        assertThat(out.stanzas).singleElement().satisfies(s -> assertThat(s.to()).isEqualTo("carol@c.test"));
        assertThat(numbers.of(msisdn)).hasSize(9).extracting(VirtualNumbers.Mapping::jid)
                .containsOnlyOnce("carol@c.test");
    }

    @Test
    void badInputGetsAClearAnswer() {
        text(msisdn, "123", "DANCE");
        assertThat(out.lastText()).startsWith("Unknown command DANCE. Commands:");
        text(msisdn, "123", "help");
        assertThat(out.lastText()).isEqualTo(ShortCodeCommands.HELP);
        text(msisdn, "123", "ADD not a jid");
        assertThat(out.lastText()).startsWith("ADD needs an address");
        text(msisdn, "123", "@@@ hi");
        assertThat(out.lastText()).startsWith("Write @name@domain");
        text(msisdn, "123", "@bob@b.test");
        assertThat(out.lastText()).isEqualTo("Write @bob@b.test followed by your message.");
        text(msisdn, "123", "NOTIFY maybe");
        assertThat(out.lastText()).isEqualTo("Text NOTIFY ON or NOTIFY OFF.");
        text(msisdn, "999", "hello?");
        assertThat(out.lastText()).isEqualTo("Nobody can be reached at 999 through this service.");
        assertThat(out.stanzas).as("nothing reached XMPP").isEmpty();

        out.clear();
        text("+14155550000", "123", "LOGIN");
        assertThat(out.lastText()).isEqualTo(ShortCodeCommands.notSubscribed("a.test"));
        assertThat(out.directory).isEmpty();
    }

    @Test
    void anSmscRedeliveryIsNotASecondMessage() {
        text("mo-" + msisdn, msisdn, "123", "@bob@b.test once");
        text("mo-" + msisdn, msisdn, "123", "@bob@b.test once");
        assertThat(out.stanzas).hasSize(1);
        assertThat(out.submits).hasSize(1);
    }

    @Test
    void aFloodIsCutOffAndToldOnce() {
        for (int i = 0; i < 12; i++) {
            text(msisdn, "123", "HELP");
        }
        assertThat(out.texts()).hasSize(9).last().asString().startsWith("Too many messages");
    }

    @Test
    void notifyAndAddAndRemoveSpeakAsTheClientWould() {
        text(msisdn, "123", "NOTIFY ON");
        assertThat(handsets.wantsNotices(msisdn)).isTrue();
        text(msisdn, "123", "ADD Bob@B.test");
        assertThat(out.stanzas).extracting(StanzaReceivedEvent::type).containsExactly("subscribed", "subscribe");
        assertThat(out.stanzas).allSatisfy(s -> {
            assertThat(s.from()).isEqualTo(joe + "@a.test/sms");
            assertThat(s.to()).isEqualTo("bob@b.test");
        });
        assertThat(out.lastText()).isEqualTo("Asked bob@b.test to share presence. Their number is X1.");
        text(msisdn, "123", "REMOVE bob@b.test");
        assertThat(out.lastText()).isEqualTo("bob@b.test is not among your contacts.");
        text(msisdn, "123", "WHO");
        assertThat(out.lastText()).isEqualTo("None of your contacts is online.");
    }
}
