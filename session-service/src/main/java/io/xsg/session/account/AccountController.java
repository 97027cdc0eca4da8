package io.xsg.session.account;

import io.xsg.session.account.AccountException;
import io.xsg.session.account.AccountStore;
import io.xsg.session.account.AccountView;
import io.xsg.session.account.DecoyCredentials;
import io.xsg.session.account.StoredCredential;
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
 * The operator's account API ({@code /admin/accounts}) and the edge's internal one ({@code /internal/**}): SASL
 * needs credentials within the handshake, and in-band registration creates accounts. Both are guarded by
 * {@link ApiSecurity}.
 */
@RestController
class AccountController {

    record NewAccount(String username, String password) {
    }

    record NewPassword(String password) {
    }

    record Credentials(String username, List<StoredCredential> credentials) {
    }

    private final AccountStore store;
    private final DecoyCredentials decoys;

    AccountController(AccountStore store, DecoyCredentials decoys) {
        this.decoys = decoys;
        this.store = store;
    }

    @PostMapping("/admin/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    AccountView create(@RequestBody NewAccount body) {
        return store.create(body.username(), body.password());
    }

    @GetMapping("/admin/accounts")
    List<AccountView> list() {
        return store.list();
    }

    @PutMapping("/admin/accounts/{username}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(@PathVariable String username, @RequestBody NewPassword body) {
        store.changePassword(username, body.password());
    }

    @DeleteMapping("/admin/accounts/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String username) {
        store.delete(username);
    }

    /**
     * An account's SCRAM credentials for the edge's SASL; for a name with no account, decoys that look the same and
     * never match (see {@link DecoyCredentials}): nothing the edge sends a client can tell the two apart.
     */
    @GetMapping("/internal/credentials/{username}")
    Credentials credentials(@PathVariable String username) {
        return new Credentials(username, store.credentials(username).orElseGet(() -> decoys.forUnknown(username)));
    }

    /** In-band registration (XEP-0077), when the edge has it switched on. */
    @PostMapping("/internal/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    AccountView register(@RequestBody NewAccount body) {
        return store.create(body.username(), body.password());
    }

    /** In-band cancellation (XEP-0077 §3.2): the account asks for its own removal over its stream. */
    @DeleteMapping("/internal/accounts/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unregister(@PathVariable String username) {
        store.delete(username);
    }

    @ExceptionHandler(AccountException.class)
    ResponseEntity<ProblemDetail> refused(AccountException e) {
        HttpStatus status = e instanceof AccountException.Exists ? HttpStatus.CONFLICT
                : e instanceof AccountException.NotFound ? HttpStatus.NOT_FOUND
                : HttpStatus.BAD_REQUEST;
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, e.getMessage()));
    }
}
