package dev.kiln.orchestrator.access;

import dev.kiln.model.api.Principal;
import dev.kiln.model.api.Role;
import dev.kiln.orchestrator.WorkPool;
import dev.kiln.orchestrator.state.AccessStore;
import dev.kiln.orchestrator.state.UserRecord;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The users of the web UI and the API: added with a role and a password, logged in for a token that lasts 12 hours.
 * Passwords are hashed on a worker thread (PBKDF2 takes a noticeable fraction of a second by design).
 */
public final class Users {
    /** How long a login lasts. */
    public static final Duration LOGIN = Duration.ofHours(12);

    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._@-]{0,99}";
    private static final int MIN_PASSWORD = 10;
    /** A stored form no password matches, checked for unknown names so that they take as long as known ones. */
    private static final String DECOY = Passwords.hash(Passwords.generate());

    /**
     * A login.
     *
     * @param token the token to call the API with
     * @param principal who it speaks for
     */
    public record Login(String token, Principal principal) {
        @Override
        public String toString() {
            return "Login[" + principal + "]";
        }
    }

    private final AccessStore store;
    private final Tokens tokens;
    private final Context context;
    private final Clock clock;

    /** Users kept in a store, their hashing done on {@code context}'s workers. */
    public Users(AccessStore store, Tokens tokens, Context context, Clock clock) {
        this.store = store;
        this.tokens = tokens;
        this.context = context;
        this.clock = clock;
    }

    /**
     * Adds a user.
     *
     * @throws InvalidUserException (in the future) for a bad name or a password under 10 characters
     */
    public Future<UserRecord> add(String name, String password, Role role) {
        if (name == null || !name.matches(NAME)) {
            return Future.failedFuture(new InvalidUserException("field name: '" + name + "' must start with a letter or"
                    + " digit and hold only letters, digits, '.', '_', '@' and '-' (at most 100)"));
        }
        if (password == null || password.length() < MIN_PASSWORD) {
            return Future.failedFuture(new InvalidUserException(
                    "field password: at least " + MIN_PASSWORD + " characters, please (a passphrase is best)"));
        }
        if (role == Role.AGENT) {
            return Future.failedFuture(new InvalidUserException(
                    "field role: agent is for agents' tokens (kiln agents tokens create), not for people"));
        }
        return WorkPool.HASHING
                .run(context, () -> Passwords.hash(password))
                .map(hash -> new UserRecord(name, hash, role.wireName(), clock.instant()))
                .compose(user -> store.addUser(user).map(v -> user));
    }

    /** Every user, by name. */
    public Future<List<UserRecord>> list() {
        return store.users();
    }

    /** Removes a user and ends its logins; false when there was none. */
    public Future<Boolean> remove(String name) {
        return store.removeUser(name).onSuccess(v -> tokens.forget(name));
    }

    /** Checks a name and password and answers a token for them; {@link LoginFailedException} when they are wrong. */
    public Future<Login> login(String name, String password) {
        return store.user(name == null ? "" : name).compose(found -> {
            String stored = found.map(UserRecord::passwordHash).orElse(DECOY);
            String given = password == null ? "" : password;
            return WorkPool.HASHING
                    .run(context, () -> Passwords.matches(given, stored))
                    .compose(ok -> {
                        if (!ok || found.isEmpty()) {
                            return Future.failedFuture(new LoginFailedException());
                        }
                        Role role = Role.of(found.get().role());
                        return tokens.login(name, role, LOGIN).map(t -> new Login(t, new Principal(name, role)));
                    });
        });
    }

    /**
     * Adds the first admin ({@code admin}, with a random password) when there are no users yet; answers the password
     * made, or empty when users exist.
     */
    public Future<Optional<String>> firstAdmin() {
        return firstAdmin(Optional.empty());
    }

    /** Adds the first admin, {@code admin}, with a given password (else a new one) when there are no users yet. */
    public Future<Optional<String>> firstAdmin(Optional<String> given) {
        return store.users().compose(users -> {
            if (!users.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
            }
            String password = given.orElseGet(Passwords::generate);
            return add("admin", password, Role.ADMIN).map(u -> Optional.of(password));
        });
    }
}
