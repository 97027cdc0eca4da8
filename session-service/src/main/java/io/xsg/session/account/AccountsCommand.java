package io.xsg.session.account;

import io.xsg.session.account.AccountException;
import io.xsg.session.account.AccountStore;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The command-line twin of {@code /admin/accounts}, working on the database directly:
 * <pre>
 *   accounts create USER     (password from the console, or the first line of standard input)
 *   accounts passwd USER
 *   accounts delete USER
 *   accounts list
 * </pre>
 * Passwords are never taken as arguments: they would show in the process list and shell history.
 */
public final class AccountsCommand {

    public static final String NAME = "accounts";

    private final AccountStore store;
    private final InputStream in;
    private final PrintStream out;

    public AccountsCommand(AccountStore store, InputStream in, PrintStream out) {
        this.store = store;
        this.in = in;
        this.out = out;
    }

    /** Runs one command; returns the process exit code. */
    public int run(List<String> args) {
        if (args.size() < 2 || !args.get(0).equals(NAME)) {
            return usage();
        }
        try {
            switch (args.get(1)) {
                case "list" -> store.list().forEach(a -> out.println(a.username() + "\t" + a.createdAt()));
                case "create" -> {
                    requireUser(args);
                    var account = store.create(args.get(2), readPassword());
                    out.println("created " + account.username());
                }
                case "passwd" -> {
                    requireUser(args);
                    store.changePassword(args.get(2), readPassword());
                    out.println("password changed for " + args.get(2));
                }
                case "delete" -> {
                    requireUser(args);
                    store.delete(args.get(2));
                    out.println("deleted " + args.get(2));
                }
                default -> {
                    return usage();
                }
            }
            return 0;
        } catch (AccountException | IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static void requireUser(List<String> args) {
        if (args.size() < 3) {
            throw new IllegalArgumentException("missing USER");
        }
    }

    private String readPassword() {
        Console console = System.console();
        if (console != null && in == System.in) {
            char[] pw = console.readPassword("password: ");
            return pw == null ? "" : new String(pw);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the password: " + e.getMessage());
        }
    }

    private int usage() {
        out.println("usage: accounts create USER | accounts passwd USER | accounts delete USER | accounts list");
        return 2;
    }
}
