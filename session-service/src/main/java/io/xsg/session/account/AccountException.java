package io.xsg.session.account;

/** Why an account operation was refused. */
public abstract sealed class AccountException extends RuntimeException {

    private AccountException(String message) {
        super(message);
    }

    public static final class Exists extends AccountException {
        public Exists(String username) {
            super("account " + username + " already exists");
        }
    }

    public static final class NotFound extends AccountException {
        public NotFound(String username) {
            super("no account " + username);
        }
    }

    public static final class InvalidUsername extends AccountException {
        public InvalidUsername(String username, String why) {
            super("invalid username '" + username + "': " + why);
        }
    }

    public static final class InvalidPassword extends AccountException {
        public InvalidPassword(String why) {
            super(why);
        }
    }
}
