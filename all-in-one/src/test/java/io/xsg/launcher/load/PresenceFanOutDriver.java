package io.xsg.launcher.load;

import io.xsg.launcher.Gateway;
import io.xsg.launcher.TempDirs;
import io.xsg.session.roster.RosterItem;
import io.xsg.session.roster.RosterStore;
import io.xsg.session.roster.Subscription;
import io.xsg.session.roster.SubscriptionState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.jid.impl.JidCreate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Tigase load-test profile for presence: one user with 150 contacts, all subscribed both ways, 20% of them
 * online. Measures (1) login to roster received, the user's full login as a client sees it (TCP, STARTTLS, SCRAM,
 * bind, roster get), and the time until every online contact has seen the user come online; (2) presence fan-out,
 * status changes sent back to back by the user, each delivered to every online contact. Everything runs in this one
 * JVM on the embedded broker and H2, so the figures include the clients' share of the two cores.
 *
 * <pre>
 * ./mvnw -B -q -o -pl all-in-one test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -cp all-in-one/target/test-classes:all-in-one/target/classes:$(cat all-in-one/target/test.classpath) \
 *     io.xsg.launcher.load.PresenceFanOutDriver [contacts=150] [online%=20] [logins=20] [updates=200]
 * </pre>
 */
public final class PresenceFanOutDriver {

    private static final String PASSWORD = "load-test-password";

    private PresenceFanOutDriver() {
    }

    public static void main(String[] args) throws Exception {
        int contacts = args.length > 0 ? Integer.parseInt(args[0]) : 150;
        int onlinePercent = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int logins = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int updates = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        int online = contacts * onlinePercent / 100;
        Roster.setRosterLoadedAtLoginDefault(false);
        Path dir = TempDirs.deletedAtExit("gateway-presence");
        try (Gateway gateway = Gateway.start("--gateway.data-dir=" + dir, "--gateway.embedded-kafka.port=0",
                "--server.port=0", "--gateway.xmpp.c2s.port=0", "--gateway.xmpp.c2s.direct-tls-port=-1",
                "--gateway.xmpp.c2s.bind-address=127.0.0.1", "--gateway.kafka.topics.partitions=4",
                "--gateway.session.roster.max-items=" + Math.max(1000, contacts), "--logging.level.root=WARN")) {
            int port = Gateway.c2sPort(gateway.edge());
            X509TrustManager trust = LoadClients.trustManager(gateway.certificate());
            String admin = gateway.sessionServiceUrl();
            String user = "fan";
            LoadClients.createAccount(admin, user, PASSWORD);
            for (int i = 0; i < contacts; i++) {
                LoadClients.createAccount(admin, contact(i), PASSWORD);
            }
            seedRosters(gateway, user, contacts);
            System.out.printf("%d contacts, subscribed both ways; %d online%n", contacts, online);

            // the online contacts count what they see of the user
            var seen = new AtomicInteger();
            var seenBy = ConcurrentHashMap.<Integer>newKeySet();
            long[][] arrival = new long[updates][online];
            List<XMPPTCPConnection> onlineContacts = new ArrayList<>();
            for (int i = 0; i < online; i++) {
                int index = i;
                XMPPTCPConnection c = connection(contact(i), port, trust);
                c.connect().login();
                c.addSyncStanzaListener(stanza -> {
                    Presence p = (Presence) stanza;
                    long now = System.nanoTime();
                    String status = p.getStatus();
                    if (p.isAvailable() && status != null && status.startsWith("u")) {
                        int n = Integer.parseInt(status.substring(1));
                        if (n >= 0 && n < updates) {
                            arrival[n][index] = now;
                            seen.incrementAndGet();
                        }
                    } else if (p.isAvailable()) {
                        seenBy.add(index);
                    }
                }, new AndFilter(StanzaTypeFilter.PRESENCE, FromMatchesFilter.createBare(JidCreate.from(user
                        + "@a.test"))));
                onlineContacts.add(c);
            }

            // (1) login to roster received, and to every online contact seeing the user
            long[] loginToRoster = new long[logins];
            long[] loginToFanOut = new long[logins];
            for (int n = -3; n < logins; n++) { // three warm-up logins
                seenBy.clear();
                XMPPTCPConnection u = connection(user, port, trust);
                Roster roster = Roster.getInstanceFor(u);
                long start = System.nanoTime();
                u.connect().login();
                roster.reloadAndWait();
                long rosterAt = System.nanoTime();
                if (roster.getEntryCount() != contacts) {
                    throw new IllegalStateException("roster of " + roster.getEntryCount() + " entries");
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (seenBy.size() < online && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                long fanOutAt = System.nanoTime();
                if (n >= 0) {
                    loginToRoster[n] = rosterAt - start;
                    loginToFanOut[n] = seenBy.size() == online ? fanOutAt - start : -1;
                }
                u.disconnect();
                Thread.sleep(200);
            }
            Arrays.sort(loginToRoster);
            Arrays.sort(loginToFanOut);
            System.out.printf("login to roster received (%d entries), %d logins: p50 %.1f ms, p90 %.1f ms%n",
                    contacts, logins, pct(loginToRoster, 50), pct(loginToRoster, 90));
            System.out.printf("login to all %d online contacts seeing it: p50 %.1f ms, p90 %.1f ms%n", online,
                    pct(loginToFanOut, 50), pct(loginToFanOut, 90));

            // (2) presence fan-out: status changes back to back
            XMPPTCPConnection u = connection(user, port, trust);
            u.connect().login();
            Thread.sleep(1000);
            long[] sentAt = new long[updates];
            long start = System.nanoTime();
            for (int n = 0; n < updates; n++) {
                sentAt[n] = System.nanoTime();
                u.sendStanza(PresenceBuilder.buildPresence().setStatus("u" + n).build());
            }
            long expected = (long) updates * online;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (seen.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            long end = System.nanoTime();
            long[] latency = new long[(int) expected];
            int k = 0;
            for (int n = 0; n < updates; n++) {
                for (int c = 0; c < online; c++) {
                    latency[k++] = arrival[n][c] == 0 ? Long.MAX_VALUE : arrival[n][c] - sentAt[n];
                }
            }
            Arrays.sort(latency);
            System.out.printf("fan-out: %d updates x %d online contacts = %d deliveries, %d arrived in %.2f s:"
                    + " %.0f deliveries/s, %.0f updates/s; latency p50 %.1f ms, p99 %.1f ms%n", updates, online,
                    expected, seen.get(), (end - start) / 1e9, seen.get() / ((end - start) / 1e9),
                    updates / ((end - start) / 1e9), pct(latency, 50), pct(latency, 99));
            u.disconnect();
            onlineContacts.forEach(XMPPTCPConnection::disconnect);
        }
        System.exit(0);
    }

    private static String contact(int i) {
        return "contact" + i;
    }

    /** Both ways for every pair, written straight to the session service's store (setting up is not measured). */
    private static void seedRosters(Gateway gateway, String user, int contacts) {
        var context = gateway.session();
        RosterStore store = context.getBean(RosterStore.class);
        var both = new SubscriptionState(Subscription.BOTH, false, false);
        context.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
            for (int i = 0; i < contacts; i++) {
                String c = contact(i);
                store.save(user, new RosterItem(c + "@a.test", c, Set.of("load"), both, false, true, null));
                store.save(c, new RosterItem(user + "@a.test", user, Set.of(), both, false, true, null));
            }
        });
    }

    private static XMPPTCPConnection connection(String user, int port, X509TrustManager trust) throws Exception {
        var config = XMPPTCPConnectionConfiguration.builder().setXmppDomain("a.test").setHost("127.0.0.1")
                .setPort(port).setUsernameAndPassword(user, PASSWORD).setResource("load")
                .setSecurityMode(SecurityMode.required).setCustomX509TrustManager(trust)
                .setSocketFactory(new NoDelaySocketFactory()).build();
        var connection = new XMPPTCPConnection(config);
        connection.setReplyTimeout(30_000);
        return connection;
    }

    private static double pct(long[] sorted, double p) {
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
        long v = sorted[Math.max(0, i)];
        return v == Long.MAX_VALUE || v < 0 ? Double.NaN : v / 1e6;
    }
}
