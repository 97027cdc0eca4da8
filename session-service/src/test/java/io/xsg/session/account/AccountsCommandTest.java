package io.xsg.session.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.xsg.session.TestSchema;
import io.xsg.session.account.AccountStore;
import io.xsg.xmpp.sasl.ScramCredential;
import io.xsg.xmpp.sasl.ScramMechanism;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code accounts …} on a real {@link AccountStore}, password on the given input stream, output captured. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AccountsCommandTest {

    private static final TestSchema SCHEMA = TestSchema.unique("accounts_cli");
    private static final String PASSWORD = "right-password-1";

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

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @BeforeEach
    void empty() {
        jdbc.update("delete from account");
    }

    private int run(String stdin, String... args) {
        var in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        var out = new PrintStream(output, true, StandardCharsets.UTF_8);
        return new AccountsCommand(store, in, out).run(List.of(args));
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private boolean verifies(String username, String password) {
        var b64 = Base64.getDecoder();
        return store.credentials(username).orElseThrow().stream()
                .map(c -> new ScramCredential(ScramMechanism.byName(c.mechanism()).orElseThrow(),
                        b64.decode(c.salt()), c.iterations(), b64.decode(c.storedKey()), b64.decode(c.serverKey())))
                .allMatch(c -> c.verifyPassword(password));
    }

    @Test
    void createReadsThePasswordFromTheFirstLineOfInput() {
        int code = run(PASSWORD + "\nignored\n", "accounts", "create", "Joe");

        assertThat(code).isZero();
        assertThat(output()).isEqualTo("created joe" + System.lineSeparator());
        assertThat(store.exists("joe")).isTrue();
        assertThat(verifies("joe", PASSWORD)).isTrue();
        assertThat(output()).doesNotContain(PASSWORD);
    }

    @Test
    void createAcceptsInputWithoutATrailingNewline() {
        assertThat(run(PASSWORD, "accounts", "create", "joe")).isZero();
        assertThat(verifies("joe", PASSWORD)).isTrue();
    }

    @Test
    void listPrintsOneAccountPerLineInOrder() {
        store.create("mike", PASSWORD);
        store.create("alice", PASSWORD);

        int code = run("", "accounts", "list");

        assertThat(code).isZero();
        List<String> lines = output().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("alice\t");
        assertThat(lines.get(1)).startsWith("mike\t");
        assertThat(lines.get(0).split("\t")[1]).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
    }

    @Test
    void listOfNoAccountsPrintsNothing() {
        assertThat(run("", "accounts", "list")).isZero();
        assertThat(output()).isEmpty();
    }

    @Test
    void passwdReplacesThePassword() {
        store.create("joe", PASSWORD);

        assertThat(run("another-password\n", "accounts", "passwd", "joe")).isZero();

        assertThat(output()).contains("password changed for joe");
        assertThat(verifies("joe", "another-password")).isTrue();
        assertThat(verifies("joe", PASSWORD)).isFalse();
    }

    @Test
    void deleteRemovesTheAccount() {
        store.create("joe", PASSWORD);

        assertThat(run("", "accounts", "delete", "joe")).isZero();

        assertThat(output()).contains("deleted joe");
        assertThat(store.exists("joe")).isFalse();
    }

    @Test
    void usageExitsWith2() {
        assertThat(run("")).isEqualTo(2);
        assertThat(run("", "accounts")).isEqualTo(2);
        assertThat(run("", "users", "list")).isEqualTo(2);
        assertThat(run("", "accounts", "frobnicate", "joe")).isEqualTo(2);
        assertThat(output().lines()).hasSize(4).allMatch(l -> l.startsWith("usage: accounts create USER"));
    }

    @Test
    void refusedOperationsExitWith1AndSayWhy() {
        store.create("joe", PASSWORD);

        assertThat(run(PASSWORD + "\n", "accounts", "create", "joe")).isEqualTo(1);
        assertThat(output()).contains("error: account joe already exists");

        output.reset();
        assertThat(run("", "accounts", "delete", "nobody")).isEqualTo(1);
        assertThat(output()).startsWith("error: ").contains("nobody");

        output.reset();
        assertThat(run("short\n", "accounts", "create", "ann")).isEqualTo(1);
        assertThat(output()).startsWith("error: ").contains("at least");

        output.reset();
        assertThat(run("", "accounts", "create", "ann")).isEqualTo(1); // no password at all
        assertThat(store.exists("ann")).isFalse();

        output.reset();
        assertThat(run(PASSWORD + "\n", "accounts", "create", "ann@a.test")).isEqualTo(1);
        assertThat(output()).startsWith("error: invalid username");

        output.reset();
        assertThat(run(PASSWORD + "\n", "accounts", "passwd", "nobody")).isEqualTo(1);
    }

    @Test
    void missingUserExitsWith1() {
        assertThat(run(PASSWORD + "\n", "accounts", "create")).isEqualTo(1);
        assertThat(output()).isEqualTo("error: missing USER" + System.lineSeparator());
        assertThat(store.list()).isEmpty();
    }
}
