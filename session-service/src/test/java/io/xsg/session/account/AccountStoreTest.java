package io.xsg.session.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xsg.session.TestSchema;
import io.xsg.xmpp.sasl.ScramCredential;
import io.xsg.xmpp.sasl.ScramMechanism;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link AccountStore} on the real PostgreSQL, schema migrated by Flyway and validated by Hibernate. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AccountStoreTest {

    private static final TestSchema SCHEMA = TestSchema.unique("account_store");
    private static final String RIGHT = "right-password-1";
    private static final String WRONG = "wrong-password-1";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        SCHEMA.drop();
    }

    @Autowired
    private AccountStore store;

    @Autowired
    private JdbcTemplate jdbc;

    @BeforeEach
    void empty() {
        jdbc.update("delete from account");
    }

    private List<ScramCredential> credentialsOf(String username) {
        var b64 = Base64.getDecoder();
        return store.credentials(username).orElseThrow().stream()
                .map(c -> new ScramCredential(ScramMechanism.byName(c.mechanism()).orElseThrow(),
                        b64.decode(c.salt()), c.iterations(), b64.decode(c.storedKey()), b64.decode(c.serverKey())))
                .toList();
    }

    @Test
    void runsAgainstItsOwnSchema() {
        assertThat(jdbc.queryForObject("select current_schema()", String.class)).isEqualTo(SCHEMA.name());
        assertThat(jdbc.queryForList("select version from " + SCHEMA.name() + ".flyway_schema_history"
                + " where success and version is not null and version <> '0'", String.class))
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
    }

    @Test
    void createNormalisesTheUsername() {
        AccountView created = store.create("Joe", RIGHT);

        assertThat(created.username()).isEqualTo("joe");
        assertThat(created.createdAt()).isNotNull();
        assertThat(store.exists("joe")).isTrue();
        assertThat(store.exists("JOE")).isTrue();
        assertThat(jdbc.queryForList("select username from account", String.class)).containsExactly("joe");
    }

    @Test
    void duplicateIsRefusedWhateverTheCase() {
        store.create("joe", RIGHT);

        assertThatThrownBy(() -> store.create("joe", RIGHT)).isInstanceOf(AccountException.Exists.class);
        assertThatThrownBy(() -> store.create("JOE", RIGHT)).isInstanceOf(AccountException.Exists.class)
                .hasMessageContaining("joe");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "joe@a.test", "joe/phone", "jo e", "a:b", "<joe>", "jo\"e", "jo&e", "jo'e"})
    void invalidUsernamesAreRefused(String username) {
        assertThatThrownBy(() -> store.create(username, RIGHT)).isInstanceOf(AccountException.InvalidUsername.class);
        assertThat(jdbc.queryForObject("select count(*) from account", Integer.class)).isZero();
    }

    @Test
    void nullUsernameIsRefused() {
        assertThatThrownBy(() -> store.create(null, RIGHT)).isInstanceOf(AccountException.InvalidUsername.class);
    }

    @Test
    void usernameLongerThanALocalpartIsRefused() {
        assertThatThrownBy(() -> store.create("a".repeat(1024), RIGHT))
                .isInstanceOf(AccountException.InvalidUsername.class);
    }

    @Test
    void shortOrOverlongPasswordsAreRefused() {
        assertThatThrownBy(() -> store.create("joe", "1234567")).isInstanceOf(AccountException.InvalidPassword.class);
        assertThatThrownBy(() -> store.create("joe", null)).isInstanceOf(AccountException.InvalidPassword.class);
        assertThatThrownBy(() -> store.create("joe", "x".repeat(AccountStore.MAX_PASSWORD_LENGTH + 1)))
                .isInstanceOf(AccountException.InvalidPassword.class);
        assertThat(store.exists("joe")).isFalse();

        store.create("joe", "12345678"); // exactly the minimum
        store.create("max", "x".repeat(AccountStore.MAX_PASSWORD_LENGTH));
    }

    @Test
    void passwordThatSaslPrepProhibitsIsAnInvalidPasswordAndCreatesNothing() {
        // U+0007 is a control character, prohibited by SASLprep (RFC 4013 §2.3): no credential can be derived
        assertThatThrownBy(() -> store.create("joe", "bell\u0007password"))
                .isInstanceOf(AccountException.InvalidPassword.class);
        assertThat(store.exists("joe")).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from scram_credential", Integer.class)).isZero();
    }

    @Test
    void credentialsExistForBothMechanismsAndVerifyThePassword() {
        store.create("joe", RIGHT);

        List<ScramCredential> credentials = credentialsOf("joe");

        assertThat(credentials).extracting(ScramCredential::mechanism)
                .containsExactlyInAnyOrder(ScramMechanism.SCRAM_SHA_1, ScramMechanism.SCRAM_SHA_256);
        for (ScramCredential c : credentials) {
            assertThat(c.iterations()).isEqualTo(ScramCredential.DEFAULT_ITERATIONS);
            assertThat(c.salt()).hasSize(ScramCredential.SALT_LENGTH);
            assertThat(c.verifyPassword(RIGHT)).as(c.mechanism().mechanismName()).isTrue();
            assertThat(c.verifyPassword(WRONG)).as(c.mechanism().mechanismName()).isFalse();
        }
        assertThat(credentials.get(0).salt()).isNotEqualTo(credentials.get(1).salt());
    }

    @Test
    void credentialsOfTheSamePasswordDifferBetweenAccounts() {
        store.create("joe", RIGHT);
        store.create("ann", RIGHT);

        assertThat(jdbc.queryForObject("select count(distinct salt) from scram_credential", Integer.class))
                .isEqualTo(4);
        assertThat(jdbc.queryForObject("select count(distinct stored_key) from scram_credential", Integer.class))
                .isEqualTo(4);
    }

    @Test
    void credentialsAreLookedUpByNormalisedName() {
        store.create("joe", RIGHT);

        assertThat(store.credentials("JOE")).isPresent();
        assertThat(store.credentials("nobody")).isEmpty();
        assertThat(store.credentials("not@valid")).isEmpty();
    }

    @Test
    void noPasswordTextIsStoredAnywhere() {
        store.create("joe", RIGHT);
        store.changePassword("joe", WRONG);
        store.create("ann", RIGHT);

        for (String table : List.of("account", "scram_credential")) {
            List<Map<String, Object>> rows = jdbc.queryForList("select * from " + table);
            assertThat(rows).isNotEmpty();
            for (Map<String, Object> row : rows) {
                for (Object value : row.values()) {
                    String text = String.valueOf(value);
                    assertThat(text).as("%s row %s", table, row).doesNotContain(RIGHT).doesNotContain(WRONG)
                            .doesNotContain(Base64.getEncoder().encodeToString(RIGHT.getBytes()));
                }
            }
        }
        // and no other table appeared to hold anything (the rosters and offline storage hold none of it either)
        assertThat(jdbc.queryForList("select table_name from information_schema.tables where table_schema = ?",
                String.class, SCHEMA.name()))
                .containsExactlyInAnyOrder("account", "scram_credential", "flyway_schema_history", "roster_item",
                        "roster_group", "roster_version", "offline_message", "server_secret", "outbox", "subscriber",
                        "sms_sender", "sms_submit", "sms_segment", "sms_held_receipt", "sms_handset",
                        "sms_virtual_number", "sms_mo_seen", "sms_presence_notice");
    }

    @Test
    void changePasswordReplacesTheCredentials() {
        store.create("joe", RIGHT);
        List<ScramCredential> before = credentialsOf("joe");

        store.changePassword("Joe", WRONG);

        List<ScramCredential> after = credentialsOf("joe");
        assertThat(after).hasSize(2);
        for (ScramCredential c : after) {
            assertThat(c.verifyPassword(WRONG)).isTrue();
            assertThat(c.verifyPassword(RIGHT)).isFalse();
        }
        assertThat(after).doesNotContainAnyElementsOf(before);
        assertThat(jdbc.queryForObject("select count(*) from scram_credential", Integer.class)).isEqualTo(2);
    }

    @Test
    void changePasswordChecksTheAccountAndThePassword() {
        assertThatThrownBy(() -> store.changePassword("nobody", RIGHT))
                .isInstanceOf(AccountException.NotFound.class);
        store.create("joe", RIGHT);
        assertThatThrownBy(() -> store.changePassword("joe", "short"))
                .isInstanceOf(AccountException.InvalidPassword.class);
        assertThat(credentialsOf("joe")).allMatch(c -> c.verifyPassword(RIGHT));
    }

    @Test
    void deleteRemovesTheAccountAndItsCredentials() {
        store.create("joe", RIGHT);
        store.create("ann", RIGHT);

        store.delete("JOE");

        assertThat(store.exists("joe")).isFalse();
        assertThat(store.credentials("joe")).isEmpty();
        assertThat(jdbc.queryForList("select distinct username from scram_credential", String.class))
                .containsExactly("ann");
        assertThatThrownBy(() -> store.delete("joe")).isInstanceOf(AccountException.NotFound.class);
    }

    @Test
    void theSchemaCascadesCredentialsWhenAnAccountRowIsDeleted() {
        store.create("joe", RIGHT);

        jdbc.update("delete from account where username = 'joe'");

        assertThat(jdbc.queryForObject("select count(*) from scram_credential", Integer.class)).isZero();
    }

    @Test
    void listIsOrderedByUsername() {
        store.create("mike", RIGHT);
        store.create("Alice", RIGHT);
        store.create("zed", RIGHT);
        store.create("bob", RIGHT);

        assertThat(store.list()).extracting(AccountView::username).containsExactly("alice", "bob", "mike", "zed");
    }

    @Test
    void listIsEmptyWithoutAccounts() {
        assertThat(store.list()).isEmpty();
    }
}
