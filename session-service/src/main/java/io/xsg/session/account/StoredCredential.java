package io.xsg.session.account;

/** One SCRAM credential as the edge needs it to authenticate (binary fields in base64). */
public record StoredCredential(String mechanism, String salt, int iterations, String storedKey, String serverKey) {

    @Override
    public String toString() {
        return "StoredCredential[" + mechanism + ", i=" + iterations + "]";
    }
}
