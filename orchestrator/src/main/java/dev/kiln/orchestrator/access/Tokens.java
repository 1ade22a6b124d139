package dev.kiln.orchestrator.access;

import dev.kiln.model.api.Principal;
import dev.kiln.model.api.Role;
import dev.kiln.orchestrator.state.AccessStore;
import dev.kiln.orchestrator.state.AgentGrant;
import dev.kiln.orchestrator.state.TokenRecord;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API tokens: made at random, kept as SHA-256 only, each speaking for a role (and for a user after a login, until it
 * expires). A token once found is remembered for a minute; revoking it, or removing its user, forgets it at once
 * (only the leading orchestrator answers calls, so no other one remembers it).
 */
public final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration REMEMBERED = Duration.ofMinutes(1);
    private static final int MIN_ADOPTED = 24;

    /** A remembered token: who it speaks for, until when, and when it was read. */
    private record Known(Caller caller, Optional<String> user, Optional<Instant> expiresAt, Instant readAt) {}

    private final AccessStore store;
    private final Clock clock;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    /** Tokens kept in a store. */
    public Tokens(AccessStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A new random token. */
    public static String generate() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "kiln_" + HexFormat.of().formatHex(bytes);
    }

    /** A token's SHA-256, hex. */
    public static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Who a token speaks for; empty when it is unknown or expired. */
    public Future<Optional<Principal>> principal(String token) {
        return caller(token).map(c -> c.map(Caller::principal));
    }

    /** Who a token speaks for, with what its agents may be; empty when it is unknown or expired. */
    public Future<Optional<Caller>> caller(String token) {
        String hash = hash(token);
        Instant now = clock.instant();
        Known cached = known.get(hash);
        if (cached != null && cached.readAt().plus(REMEMBERED).isAfter(now)) {
            return Future.succeededFuture(valid(cached, now));
        }
        return store.token(hash).map(found -> {
            if (found.isEmpty()) {
                known.remove(hash);
                return Optional.empty();
            }
            TokenRecord t = found.get();
            Known read = new Known(
                    new Caller(new Principal(t.user().orElse(t.name()), Role.of(t.role())), hash, t.grant()),
                    t.user(),
                    t.expiresAt(),
                    now);
            known.put(hash, read);
            return valid(read, now);
        });
    }

    private static Optional<Caller> valid(Known token, Instant now) {
        if (token.expiresAt().isPresent() && !token.expiresAt().get().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(token.caller());
    }

    /** Makes and keeps a new token for a program, named {@code name}, that never expires. */
    public Future<String> create(String name, Role role) {
        String token = generate();
        return store.addToken(new TokenRecord(name, hash(token), role.wireName(), Optional.empty(), Optional.empty()))
                .map(v -> token);
    }

    /**
     * Makes and keeps a new token for agents, named {@code name}, that never expires; its agents may be only what
     * {@code grant} says.
     *
     * @throws DuplicateAgentTokenException when an agent token has that name already
     */
    public Future<String> createAgent(String name, AgentGrant grant) {
        return store.agentTokens().compose(existing -> {
            if (existing.stream().anyMatch(t -> t.name().equals(name))) {
                return Future.failedFuture(new DuplicateAgentTokenException(name));
            }
            String token = generate();
            return store.addToken(new TokenRecord(
                            name,
                            hash(token),
                            Role.AGENT.wireName(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.of(grant),
                            Optional.empty()))
                    .map(v -> token);
        });
    }

    /** The agent tokens, by name. */
    public Future<List<TokenRecord>> agentTokens() {
        return store.agentTokens();
    }

    /** Ends the agent tokens of that name at once; false when there were none. */
    public Future<Boolean> revokeAgent(String name) {
        return store.removeAgentTokens(name).map(hashes -> {
            hashes.forEach(known::remove);
            return !hashes.isEmpty();
        });
    }

    /**
     * Keeps a token an operator chose (from a deployment's secrets), for a program named {@code name}, unless it is
     * kept already: how a compose stack's agents and UI get tokens before anyone can call the API.
     *
     * @throws InvalidTokenException when the token is too short to be a secret
     */
    public Future<Void> adopt(String name, String token, Role role) {
        return adopt(name, token, role, Optional.empty());
    }

    /**
     * Keeps a token an operator chose, as {@link #adopt(String, String, Role)}, with what its agents may be.
     *
     * @throws InvalidTokenException when the token is too short to be a secret
     */
    public Future<Void> adopt(String name, String token, Role role, Optional<AgentGrant> grant) {
        if (token.length() < MIN_ADOPTED || !token.matches("[A-Za-z0-9_.~-]+")) {
            return Future.failedFuture(new InvalidTokenException("the token given for " + name + " must be at least "
                    + MIN_ADOPTED + " letters, digits or _.~- (make one with: openssl rand -hex 24)"));
        }
        String hash = hash(token);
        return store.token(hash)
                .compose(found -> found.isPresent()
                        ? Future.succeededFuture()
                        : store.addToken(new TokenRecord(
                                name,
                                hash,
                                role.wireName(),
                                Optional.empty(),
                                Optional.empty(),
                                grant,
                                Optional.empty())));
    }

    /** Makes and keeps a token for a user's login, valid for {@code lasting}; expired logins are deleted. */
    Future<String> login(String user, Role role, Duration lasting) {
        String token = generate();
        Instant now = clock.instant();
        return store.addToken(new TokenRecord(
                        user, hash(token), role.wireName(), Optional.of(user), Optional.of(now.plus(lasting))))
                .compose(v -> store.removeExpiredTokens(now))
                .map(removed -> token);
    }

    /** Ends a token at once (a logout). */
    public Future<Boolean> revoke(String token) {
        String hash = hash(token);
        known.remove(hash);
        return store.removeToken(hash);
    }

    /** Forgets what was remembered of a user's tokens (the user was removed). */
    void forget(String user) {
        known.values().removeIf(k -> k.user().filter(user::equals).isPresent());
    }
}
