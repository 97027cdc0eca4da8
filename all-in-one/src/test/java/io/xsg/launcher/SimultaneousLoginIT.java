package io.xsg.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.session.roster.RosterItem;
import io.xsg.session.roster.RosterStore;
import io.xsg.session.roster.Subscription;
import io.xsg.session.roster.SubscriptionState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two contacts subscribed to each other who come online at the same instant each see the other online: whichever of
 * their initial presences the session service handles second finds the first in its copy of the directory, so one
 * of them answers for both. Many pairs, half of them across the two edges, each pair's presences released together.
 */
class SimultaneousLoginIT {

    private static final int PAIRS = 12;

    @BeforeAll
    static void start() {
        TestGateway.get();
    }

    @Test
    void contactsComingOnlineTogetherSeeEachOther() throws Exception {
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            String a = TestGateway.createAccount("twa");
            String b = TestGateway.createAccount("twb");
            subscribeBothWays(a, b);
            pairs.add(new String[] {a, b});
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> missed = new ArrayList<>();
        try {
            for (int i = 0; i < PAIRS; i++) {
                String[] pair = pairs.get(i);
                XMPPTCPConnection a = quiet(pair[0], TestGateway.c2sPort());
                XMPPTCPConnection b = quiet(pair[1], i % 2 == 0 ? TestGateway.c2sPort()
                        : Gateway.c2sPort(TestGateway.secondEdge()));
                try {
                    Roster ra = Roster.getInstanceFor(a);
                    Roster rb = Roster.getInstanceFor(b);
                    ra.reloadAndWait();
                    rb.reloadAndWait();
                    var go = new CountDownLatch(1);
                    List<Future<?>> sent = new ArrayList<>();
                    for (XMPPTCPConnection c : List.of(a, b)) {
                        sent.add(pool.submit(() -> {
                            go.await();
                            c.sendStanza(PresenceBuilder.buildPresence().build());
                            return null;
                        }));
                    }
                    go.countDown();
                    for (Future<?> f : sent) {
                        f.get();
                    }
                    var aSeesB = JidCreate.entityBareFrom(pair[1] + "@a.test");
                    var bSeesA = JidCreate.entityBareFrom(pair[0] + "@a.test");
                    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
                    while (System.nanoTime() < deadline
                            && !(ra.getPresence(aSeesB).isAvailable() && rb.getPresence(bSeesA).isAvailable())) {
                        Thread.sleep(20);
                    }
                    if (!ra.getPresence(aSeesB).isAvailable()) {
                        missed.add(pair[0] + " missed " + pair[1]);
                    }
                    if (!rb.getPresence(bSeesA).isAvailable()) {
                        missed.add(pair[1] + " missed " + pair[0]);
                    }
                } finally {
                    a.disconnect();
                    b.disconnect();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(missed).as("contacts that never saw each other come online").isEmpty();
    }

    /** Bound, roster-aware, not yet available: the test decides when each sends its initial presence. */
    private static XMPPTCPConnection quiet(String user, int port) throws Exception {
        XMPPTCPConnectionConfiguration config = Clients.starttls(user, port).setSendPresence(false).build();
        return Clients.login(config);
    }

    /** Mutual subscription written straight to the session service's store, as a finished exchange leaves it. */
    private static void subscribeBothWays(String a, String b) {
        var session = TestGateway.get().session();
        var store = session.getBean(RosterStore.class);
        var both = new SubscriptionState(Subscription.BOTH, false, false);
        session.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
            store.save(a, new RosterItem(b + "@a.test", null, Set.of(), both, false, true, null));
            store.nextVersion(a);
            store.save(b, new RosterItem(a + "@a.test", null, Set.of(), both, false, true, null));
            store.nextVersion(b);
        });
    }
}
