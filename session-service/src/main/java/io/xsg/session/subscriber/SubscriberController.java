package io.xsg.session.subscriber;

import io.xsg.bridge.VirtualNumbers;
import io.xsg.sms.address.InvalidMsisdnException;
import io.xsg.sms.address.PhoneNumbers;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's SMS provisioning ({@code /admin/subscribers}, {@code /admin/accounts/{username}/sms-sender}), behind
 * the same guard as {@code /admin/accounts} ({@code ApiSecurity}).
 */
@RestController
class SubscriberController {

    record NewSubscriber(String username, String msisdn) {
    }

    record SmsSender(boolean enabled) {
    }

    private final SubscriberStore store;
    private final VirtualNumbers numbers;
    private final PhoneNumbers phoneNumbers = new PhoneNumbers("ZZ");

    SubscriberController(SubscriberStore store, VirtualNumbers numbers) {
        this.store = store;
        this.numbers = numbers;
    }

    @PostMapping("/admin/subscribers")
    @ResponseStatus(HttpStatus.CREATED)
    SubscriberView add(@RequestBody NewSubscriber body) {
        return store.add(body.username(), body.msisdn());
    }

    @GetMapping("/admin/subscribers")
    List<SubscriberView> list() {
        return store.list();
    }

    @GetMapping("/admin/subscribers/{username}")
    SubscriberView get(@PathVariable String username) {
        return store.get(username).orElseThrow(() -> new SubscriberException.NotFound(username
                + " is not a subscriber"));
    }

    /** The parties a subscriber's handset sees as virtual numbers, most recently used first. */
    @GetMapping("/admin/subscribers/{username}/virtual-numbers")
    List<VirtualNumbers.Mapping> virtualNumbers(@PathVariable String username) {
        return numbers.of(get(username).msisdn());
    }

    /**
     * The same for any handset the bridge has texted, subscriber or not (a provider's customer): what the SMSC
     * simulator's handset page shows beside each number.
     */
    @GetMapping("/admin/handsets/{msisdn}/virtual-numbers")
    List<VirtualNumbers.Mapping> handsetNumbers(@PathVariable String msisdn) {
        try {
            return numbers.of(phoneNumbers.parse(msisdn).e164());
        } catch (InvalidMsisdnException e) {
            throw new SubscriberException.InvalidNumber("not a phone number: " + e.getMessage());
        }
    }

    @DeleteMapping("/admin/subscribers/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String username) {
        store.remove(username);
    }

    /** Marks an account as a content provider allowed to text any number, or takes that away. */
    @PutMapping("/admin/accounts/{username}/sms-sender")
    SmsSender smsSender(@PathVariable String username, @RequestBody SmsSender body) {
        store.smsSender(username, body.enabled());
        return new SmsSender(store.isSmsSender(username));
    }

    @ExceptionHandler(SubscriberException.class)
    ResponseEntity<ProblemDetail> refused(SubscriberException e) {
        HttpStatus status = e instanceof SubscriberException.NotFound ? HttpStatus.NOT_FOUND
                : e instanceof SubscriberException.Conflict ? HttpStatus.CONFLICT
                : HttpStatus.BAD_REQUEST;
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, e.getMessage()));
    }
}
