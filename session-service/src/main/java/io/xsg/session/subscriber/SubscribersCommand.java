package io.xsg.session.subscriber;

import java.io.PrintStream;
import java.util.List;

/**
 * The command-line twin of {@code /admin/subscribers}, working on the database directly:
 * <pre>
 *   subscribers add USER +E164
 *   subscribers remove USER
 *   subscribers list
 *   subscribers sms-sender USER on|off
 * </pre>
 */
public final class SubscribersCommand {

    public static final String NAME = "subscribers";

    private final SubscriberStore store;
    private final PrintStream out;

    public SubscribersCommand(SubscriberStore store, PrintStream out) {
        this.store = store;
        this.out = out;
    }

    /** Runs one command; returns the process exit code. */
    public int run(List<String> args) {
        if (args.size() < 2 || !args.get(0).equals(NAME)) {
            return usage();
        }
        try {
            switch (args.get(1)) {
                case "list" -> store.list().forEach(s -> out.println(s.username() + "\t" + s.msisdn() + "\t"
                        + s.createdAt()));
                case "add" -> {
                    if (args.size() < 4) {
                        return usage();
                    }
                    var added = store.add(args.get(2), args.get(3));
                    out.println("subscriber " + added.username() + " is " + added.msisdn());
                }
                case "remove" -> {
                    if (args.size() < 3) {
                        return usage();
                    }
                    store.remove(args.get(2));
                    out.println("removed subscriber " + args.get(2));
                }
                case "sms-sender" -> {
                    if (args.size() < 4 || !List.of("on", "off").contains(args.get(3))) {
                        return usage();
                    }
                    store.smsSender(args.get(2), args.get(3).equals("on"));
                    out.println(args.get(2) + (args.get(3).equals("on") ? " may" : " may no longer")
                            + " text any number");
                }
                default -> {
                    return usage();
                }
            }
            return 0;
        } catch (SubscriberException e) {
            out.println("error: " + e.getMessage());
            return 1;
        }
    }

    private int usage() {
        out.println("usage: subscribers add USER +E164 | remove USER | list | sms-sender USER on|off");
        return 2;
    }
}
