package io.xsg.session.console;

import io.xsg.bridge.Handsets;
import io.xsg.bridge.VirtualNumbers;
import io.xsg.directory.SessionDirectory;
import io.xsg.events.v1.SessionEntry;
import io.xsg.events.v1.sms.SmscLinkStatus;
import io.xsg.session.account.AccountStore;
import io.xsg.session.account.AccountView;
import io.xsg.session.config.XmppDomainProperties;
import io.xsg.session.subscriber.SubscriberStore;
import io.xsg.session.subscriber.SubscriberView;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.view.RedirectView;

/**
 * What the operator's console page ({@code /console/}) shows, as one JSON document it polls. Under {@code /admin/},
 * so guarded like the admin API: loopback callers, or the bearer token the page asks for.
 */
@RestController
@ConditionalOnProperty(name = "gateway.session.console.enabled", matchIfMissing = true)
class ConsoleController {

    /** Accounts listed by name; a carrier with more reads the admin API, the console shows the count. */
    private static final int ACCOUNTS_SHOWN = 200;
    private static final int SESSIONS_SHOWN = 500;
    private static final int SUBSCRIBERS_SHOWN = 200;
    private static final int NUMBERS_SHOWN = 20;

    record Session(String fullJid, String edge, boolean available, int priority, String show, boolean carbons) {
    }

    record Link(String id, String state, boolean stale, String connector, int windowInUse, int window,
                String lastError, Instant since, Instant reportedAt) {
    }

    record Accounts(long total, List<AccountView> first) {
    }

    /** A handset subscriber: its number, whether its pseudo client is online, and the parties its numbers stand for. */
    record Handset(String username, String msisdn, boolean online, boolean notices,
                   List<VirtualNumbers.Mapping> numbers) {
    }

    record Overview(String domain, Instant at, int sessionsOnline, List<Session> sessions, List<Link> links,
                    List<SmsActivity.Entry> recentSms, Accounts accounts, long subscriberCount,
                    List<Handset> subscribers) {
    }

    private final ObjectProvider<SessionDirectory> directory;
    private final ConsoleFeed feed;
    private final AccountStore accounts;
    private final XmppDomainProperties domain;
    private final SubscriberStore subscribers;
    private final Handsets handsets;
    private final VirtualNumbers numbers;
    private final Clock clock;

    ConsoleController(ObjectProvider<SessionDirectory> directory, ConsoleFeed feed, AccountStore accounts,
                      XmppDomainProperties domain, SubscriberStore subscribers, Handsets handsets,
                      VirtualNumbers numbers, Clock clock) {
        this.directory = directory;
        this.feed = feed;
        this.accounts = accounts;
        this.domain = domain;
        this.subscribers = subscribers;
        this.handsets = handsets;
        this.numbers = numbers;
        this.clock = clock;
    }

    /** Both spellings: Spring no longer matches a trailing slash, and operators type either. */
    @GetMapping({"/console", "/console/"})
    RedirectView page() {
        return new RedirectView("/console/index.html");
    }

    @GetMapping("/admin/console/overview")
    Overview overview() {
        Instant now = clock.instant();
        SessionDirectory d = directory.getIfAvailable();
        List<Session> sessions = d == null ? List.of() : d.all().stream()
                .sorted(Comparator.comparing(SessionEntry::fullJid)).limit(SESSIONS_SHOWN)
                .map(ConsoleController::session).toList();
        List<Link> links = feed.links().values().stream().map(s -> link(s, now)).toList();
        return new Overview(domain.domain(), now, d == null ? 0 : d.size(), sessions, links, feed.recentSms(),
                new Accounts(accounts.count(), accounts.first(ACCOUNTS_SHOWN)), subscribers.count(),
                subscribers.first(SUBSCRIBERS_SHOWN).stream().map(this::handset).toList());
    }

    private Handset handset(SubscriberView s) {
        List<VirtualNumbers.Mapping> mappings = numbers.of(s.msisdn());
        return new Handset(s.username(), s.msisdn(), handsets.login(s.msisdn()).isPresent(),
                handsets.wantsNotices(s.msisdn()), mappings.subList(0, Math.min(NUMBERS_SHOWN, mappings.size())));
    }

    private static Session session(SessionEntry e) {
        return new Session(e.fullJid(), e.edgeId(), e.available(), e.priority(), show(e.presence()), e.carbons());
    }

    /** The {@code <show/>} of a presence, without parsing it as a whole: online, away, chat, dnd or xa. */
    private static String show(String presence) {
        if (presence == null) {
            return null;
        }
        int at = presence.indexOf("<show>");
        int end = at < 0 ? -1 : presence.indexOf("</show>", at);
        return at < 0 || end < 0 ? "online" : presence.substring(at + 6, end);
    }

    private static Link link(SmscLinkStatus s, Instant now) {
        return new Link(s.linkId(), s.state(), s.staleAt(now), s.connector(), s.windowInUse(), s.window(),
                s.lastError(), s.since(), s.at());
    }
}
