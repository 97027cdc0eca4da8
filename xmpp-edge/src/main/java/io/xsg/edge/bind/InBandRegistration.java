package io.xsg.edge.bind;

import io.xsg.edge.sasl.SessionServiceClient;
import io.xsg.xmpp.error.StanzaErrorCondition;
import io.xsg.xmpp.error.StanzaErrors;
import io.xsg.xmpp.xml.Namespaces;
import io.xsg.xmpp.xml.XmlElement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** In-band registration (XEP-0077): an account made before authentication, removed by its owner after. */
public final class InBandRegistration {

    private final SessionServiceClient accounts;

    public InBandRegistration(SessionServiceClient accounts) {
        this.accounts = accounts;
    }

    public static boolean isRegistration(XmlElement iq) {
        return "iq".equals(iq.name()) && iq.firstChild("query", Namespaces.REGISTER) != null;
    }

    /** XEP-0077 §3.2: {@code <remove/>} from an authenticated account. */
    public static boolean isCancellation(XmlElement iq) {
        XmlElement query = iq.firstChild("query", Namespaces.REGISTER);
        return "iq".equals(iq.name()) && "set".equals(iq.attribute("type")) && query != null
                && query.firstChild("remove", Namespaces.REGISTER) != null;
    }

    /** XEP-0077 §3.1: a form on get, an account on set; completes with the answer. */
    public CompletableFuture<XmlElement> register(XmlElement iq) {
        XmlElement query = iq.firstChild("query", Namespaces.REGISTER);
        if ("get".equals(iq.attribute("type"))) {
            return CompletableFuture.completedFuture(ResourceBinding.resultBuilder(iq)
                    .child(XmlElement.builder("query", Namespaces.REGISTER)
                            .child(XmlElement.builder("instructions", Namespaces.REGISTER)
                                    .text("Choose a username and password.").build())
                            .child(XmlElement.builder("username", Namespaces.REGISTER).build())
                            .child(XmlElement.builder("password", Namespaces.REGISTER).build()).build())
                    .build());
        }
        XmlElement user = query.firstChild("username", Namespaces.REGISTER);
        XmlElement password = query.firstChild("password", Namespaces.REGISTER);
        if (!"set".equals(iq.attribute("type")) || user == null || password == null) {
            return CompletableFuture.completedFuture(
                    StanzaErrors.errorReply(iq, StanzaErrorCondition.BAD_REQUEST, null));
        }
        return accounts.register(user.text().trim(), password.text())
                .thenApply(ok -> ResourceBinding.result(iq))
                .exceptionally(error -> {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    StanzaErrorCondition condition = cause instanceof SessionServiceClient.RegistrationRefusedException r
                            ? (r.conflict() ? StanzaErrorCondition.CONFLICT : StanzaErrorCondition.NOT_ACCEPTABLE)
                            : StanzaErrorCondition.INTERNAL_SERVER_ERROR;
                    return StanzaErrors.errorReply(iq, condition, null);
                });
    }

    /** XEP-0077 §3.2: removes the authenticated account. */
    public CompletableFuture<Void> cancel(String username) {
        return accounts.unregister(username).thenApply(ok -> null);
    }
}
