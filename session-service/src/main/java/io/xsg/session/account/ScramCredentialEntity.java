package io.xsg.session.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

@Entity
@Table(name = "scram_credential")
@IdClass(ScramCredentialEntity.Key.class)
class ScramCredentialEntity {

    record Key(String username, String mechanism) implements Serializable {
        Key() {
            this(null, null);
        }
    }

    @Id
    private String username;

    @Id
    private String mechanism;

    @Column(nullable = false)
    private String salt;

    @Column(nullable = false)
    private int iterations;

    @Column(name = "stored_key", nullable = false)
    private String storedKey;

    @Column(name = "server_key", nullable = false)
    private String serverKey;

    protected ScramCredentialEntity() {
    }

    ScramCredentialEntity(String username, String mechanism, String salt, int iterations, String storedKey,
                          String serverKey) {
        this.username = username;
        this.mechanism = mechanism;
        this.salt = salt;
        this.iterations = iterations;
        this.storedKey = storedKey;
        this.serverKey = serverKey;
    }

    String mechanism() {
        return mechanism;
    }

    String salt() {
        return salt;
    }

    int iterations() {
        return iterations;
    }

    String storedKey() {
        return storedKey;
    }

    String serverKey() {
        return serverKey;
    }
}
