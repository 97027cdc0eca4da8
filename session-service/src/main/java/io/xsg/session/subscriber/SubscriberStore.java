package io.xsg.session.subscriber;

import io.xsg.session.account.AccountException;
import io.xsg.session.account.AccountStore;
import io.xsg.sms.address.InvalidMsisdnException;
import io.xsg.sms.address.PhoneNumbers;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may use SMS: handset subscribers (an account and its number, one to one) and content-provider accounts allowed
 * to text any number. Numbers are kept in E.164 with '+', as the SMS side writes them; international form is required
 * on input (a deployment serves numbers of many countries).
 */
@Service
public class SubscriberStore {

    private final SubscriberRepository subscribers;
    private final SmsSenderRepository senders;
    private final AccountStore accounts;
    private final PhoneNumbers numbers = new PhoneNumbers("ZZ");
    private final Clock clock;

    public SubscriberStore(SubscriberRepository subscribers, SmsSenderRepository senders, AccountStore accounts,
                           Clock clock) {
        this.subscribers = subscribers;
        this.senders = senders;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Makes an existing account a handset subscriber with this number. */
    @Transactional
    public SubscriberView add(String username, String msisdn) {
        String localpart = existingAccount(username);
        String e164 = e164(msisdn);
        if (subscribers.existsById(localpart)) {
            throw new SubscriberException.Conflict(localpart + " already has a number");
        }
        if (subscribers.existsByMsisdn(e164)) {
            throw new SubscriberException.Conflict(e164 + " already belongs to another account");
        }
        try {
            return subscribers.saveAndFlush(new SubscriberEntity(localpart, e164, OffsetDateTime.now(clock))).view();
        } catch (DataIntegrityViolationException race) {
            // another instance took the account or the number between the checks and the insert
            throw new SubscriberException.Conflict(localpart + " or " + e164 + " was provisioned meanwhile");
        }
    }

    @Transactional(readOnly = true)
    public List<SubscriberView> list() {
        return subscribers.findAllByOrderByUsernameAsc().stream().map(SubscriberEntity::view).toList();
    }

    /** The first {@code n} by username, for a screen that shows a page. */
    @Transactional(readOnly = true)
    public List<SubscriberView> first(int n) {
        return subscribers.findAllByOrderByUsernameAsc(org.springframework.data.domain.Limit.of(n)).stream()
                .map(SubscriberEntity::view).toList();
    }

    @Transactional(readOnly = true)
    public long count() {
        return subscribers.count();
    }

    @Transactional(readOnly = true)
    public Optional<SubscriberView> get(String username) {
        return subscribers.findById(localpart(username)).map(SubscriberEntity::view);
    }

    /** The subscriber a handset's number belongs to. */
    @Transactional(readOnly = true)
    public Optional<SubscriberView> byNumber(String msisdn) {
        return subscribers.findByMsisdn(e164(msisdn)).map(SubscriberEntity::view);
    }

    @Transactional
    public void remove(String username) {
        String localpart = localpart(username);
        if (!subscribers.existsById(localpart)) {
            throw new SubscriberException.NotFound(localpart + " is not a subscriber");
        }
        subscribers.deleteById(localpart);
    }

    /** Allows (or no longer allows) an account to text any number: a content provider. */
    @Transactional
    public void smsSender(String username, boolean enabled) {
        String localpart = existingAccount(username);
        if (enabled && !senders.existsById(localpart)) {
            senders.save(new SmsSenderEntity(localpart, OffsetDateTime.now(clock)));
        } else if (!enabled) {
            senders.deleteById(localpart);
        }
    }

    @Transactional(readOnly = true)
    public boolean isSmsSender(String username) {
        return senders.existsById(localpart(username));
    }

    /** Whether an account may send SMS at all: a subscriber (to the numbers its handset may reach) or a provider. */
    @Transactional(readOnly = true)
    public boolean maySendSms(String username) {
        String localpart = localpart(username);
        return senders.existsById(localpart) || subscribers.existsById(localpart);
    }

    private String existingAccount(String username) {
        String localpart = localpart(username);
        if (!accounts.exists(localpart)) {
            throw new SubscriberException.NotFound("no account " + localpart);
        }
        return localpart;
    }

    private static String localpart(String username) {
        try {
            return AccountStore.normalise(username);
        } catch (AccountException.InvalidUsername e) {
            throw new SubscriberException.NotFound(e.getMessage());
        }
    }

    private String e164(String msisdn) {
        if (msisdn == null || !msisdn.startsWith("+")) {
            throw new SubscriberException.InvalidNumber("'" + msisdn + "' is not in international form (+ and the"
                    + " country code)");
        }
        try {
            return numbers.parse(msisdn).e164();
        } catch (InvalidMsisdnException e) {
            throw new SubscriberException.InvalidNumber(e.getMessage());
        }
    }
}
