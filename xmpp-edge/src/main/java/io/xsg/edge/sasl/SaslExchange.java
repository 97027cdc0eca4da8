package io.xsg.edge.sasl;

import io.xsg.xmpp.sasl.PlainServer;
import io.xsg.xmpp.sasl.SaslCondition;
import io.xsg.xmpp.sasl.SaslException;
import io.xsg.xmpp.sasl.ScramCredential;
import io.xsg.xmpp.sasl.ScramMechanism;
import io.xsg.xmpp.sasl.ScramServer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.jxmpp.jid.parts.Localpart;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * One SASL negotiation on one stream (RFC 6120 §6): SCRAM-SHA-256, SCRAM-SHA-1, and PLAIN over TLS only.
 * Replies come as completion stages because credentials are fetched asynchronously; the caller writes them on
 * its event loop and keeps reading paused meanwhile.
 */
public final class SaslExchange {

    /** What to send the client. */
    public sealed interface Reply {
        record Challenge(byte[] data) implements Reply {
        }

        record Success(String username, byte[] additionalData) implements Reply {
        }

        record Failure(SaslCondition condition, String text) implements Reply {
        }
    }

    private final SessionServiceClient accounts;
    private final AuthFailureLimiter limiter;
    private final PasswordHashing hashing;
    private final String address;
    private final String domain;
    private final boolean secure;
    private final java.util.concurrent.Executor owner;
    private ScramServer scram;
    private String username;

    /**
     * @param owner the stream's event loop: the steps after a credential lookup run there, so that this object is
     *              only ever touched by one thread
     */
    public SaslExchange(SessionServiceClient accounts, AuthFailureLimiter limiter, PasswordHashing hashing,
                        String address, String domain, boolean secure, java.util.concurrent.Executor owner) {
        this.owner = owner;
        this.hashing = hashing;
        this.accounts = accounts;
        this.limiter = limiter;
        this.address = address;
        this.domain = domain;
        this.secure = secure;
    }

    /** The mechanisms to offer, strongest first; PLAIN only on an encrypted stream. */
    public static List<String> mechanisms(boolean secure) {
        return secure
                ? List.of(ScramMechanism.SCRAM_SHA_256.mechanismName(), ScramMechanism.SCRAM_SHA_1.mechanismName(),
                        "PLAIN")
                : List.of(ScramMechanism.SCRAM_SHA_256.mechanismName(), ScramMechanism.SCRAM_SHA_1.mechanismName());
    }

    public boolean inProgress() {
        return scram != null;
    }

    public CompletionStage<Reply> start(String mechanism, byte[] initialResponse) {
        if (limiter.addressBlocked(address)) {
            return done(new Reply.Failure(SaslCondition.TEMPORARY_AUTH_FAILURE, "too many failed attempts"));
        }
        if ("PLAIN".equals(mechanism)) {
            if (!secure) {
                return done(new Reply.Failure(SaslCondition.ENCRYPTION_REQUIRED, "PLAIN needs TLS"));
            }
            return plain(initialResponse);
        }
        var scramMechanism = ScramMechanism.byName(mechanism);
        if (scramMechanism.isEmpty()) {
            return done(new Reply.Failure(SaslCondition.INVALID_MECHANISM, null));
        }
        if (initialResponse == null || initialResponse.length == 0) {
            // SCRAM is client-first; an empty initial response asks for an empty challenge (RFC 6120 §6.4.2)
            scram = new ScramServer(scramMechanism.get());
            return done(new Reply.Challenge(new byte[0]));
        }
        scram = new ScramServer(scramMechanism.get());
        return clientFirst(initialResponse);
    }

    public CompletionStage<Reply> respond(byte[] response) {
        if (scram == null) {
            return done(new Reply.Failure(SaslCondition.MALFORMED_REQUEST, "no exchange in progress"));
        }
        if (username == null) {
            return clientFirst(response);
        }
        try {
            byte[] serverFinal = scram.receiveClientFinal(response);
            String user = username;
            reset();
            return done(new Reply.Success(user, serverFinal));
        } catch (SaslException e) {
            return done(fail(e.condition(), null));
        }
    }

    public Reply abort() {
        reset();
        return new Reply.Failure(SaslCondition.ABORTED, null);
    }

    private CompletionStage<Reply> clientFirst(byte[] message) {
        String user;
        try {
            user = localpart(scram.receiveClientFirst(message));
            checkAuthzid(scram.authzid(), user);
        } catch (SaslException e) {
            return done(fail(e.condition(), e.getMessage()));
        }
        username = user;
        ScramMechanism mechanism = scram.mechanism();
        return lookup(user).thenApplyAsync(found -> {
            ScramCredential credential = found.credentials().get(mechanism);
            // an unknown account still gets a plausible challenge: failing only at the proof hides who exists
            return (Reply) new Reply.Challenge(scram.serverFirst(credential));
        }, owner).exceptionally(this::unavailable);
    }

    private CompletionStage<Reply> plain(byte[] message) {
        PlainServer.PlainCredentials credentials;
        String user;
        try {
            credentials = PlainServer.parse(message == null ? new byte[0] : message);
            user = localpart(credentials.username());
            checkAuthzid(credentials.authzid(), user);
        } catch (SaslException e) {
            return done(fail(e.condition(), e.getMessage()));
        }
        username = user;
        // PBKDF2 off the event loop; an unknown name gets decoy credentials from the session service, so the same work
        return lookup(user).thenCompose(found -> {
            ScramCredential credential = found.credentials().get(ScramMechanism.SCRAM_SHA_256);
            return credential == null ? CompletableFuture.completedFuture(false)
                    : hashing.verify(credential, credentials.password());
        }).thenApplyAsync(ok -> {
            if (ok) {
                reset();
                return (Reply) new Reply.Success(user, new byte[0]);
            }
            return fail(SaslCondition.NOT_AUTHORIZED, null);
        }, owner).exceptionally(this::unavailable);
    }

    /**
     * The account's credentials, after the wait this address has earned by failing for it before (the answer
     * waits, not the event loop).
     */
    private CompletableFuture<SessionServiceClient.Accounts> lookup(String user) {
        long wait = limiter.delay(address, user).toMillis();
        if (wait == 0) {
            return accounts.credentials(user);
        }
        return CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(wait, java.util.concurrent.TimeUnit.MILLISECONDS))
                .thenCompose(ignored -> accounts.credentials(user));
    }

    private Reply unavailable(Throwable t) {
        reset();
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return new Reply.Failure(SaslCondition.TEMPORARY_AUTH_FAILURE,
                "account service unavailable: " + cause.getClass().getSimpleName());
    }

    private Reply fail(SaslCondition condition, String text) {
        if (condition == SaslCondition.NOT_AUTHORIZED) {
            limiter.recordFailure(address, username);
            if (username != null) {
                accounts.invalidate(username); // the password may just have changed
            }
        }
        reset();
        return new Reply.Failure(condition, text);
    }

    private void reset() {
        scram = null;
        username = null;
    }

    /** An authorization identity, if given, must be the account's own bare JID: no acting for others. */
    private void checkAuthzid(String authzid, String user) throws SaslException {
        if (authzid == null || authzid.isEmpty() || authzid.equals(user)
                || authzid.toLowerCase(Locale.ROOT).equals(user + "@" + domain)) {
            return;
        }
        throw new SaslException(SaslCondition.INVALID_AUTHZID, "authzid must be your own JID");
    }

    private static String localpart(String username) throws SaslException {
        try {
            return Localpart.from(username).toString();
        } catch (XmppStringprepException | IllegalArgumentException e) {
            throw new SaslException(SaslCondition.NOT_AUTHORIZED, "invalid username");
        }
    }

    private static CompletionStage<Reply> done(Reply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
