package dev.kiln.orchestrator.state;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** Where tokens and users are kept. */
public interface AccessStore {
    /** Keeps a token. */
    Future<Void> addToken(TokenRecord token);

    /** The token with that hash, if there is one (expired ones too: the caller checks). */
    Future<Optional<TokenRecord>> token(String hash);

    /** The agent tokens, by name. */
    Future<java.util.List<TokenRecord>> agentTokens();

    /** Removes the agent tokens of that name; answers their hashes (none when there were none). */
    Future<java.util.List<String>> removeAgentTokens(String name);

    /** Removes a token; false when there was none. */
    Future<Boolean> removeToken(String hash);

    /** Removes the tokens that expired before {@code now}; answers how many. */
    Future<Integer> removeExpiredTokens(java.time.Instant now);

    /** Adds a user; fails with {@link DuplicateUserException} when the name is taken. */
    Future<Void> addUser(UserRecord user);

    /** One user. */
    Future<Optional<UserRecord>> user(String name);

    /** Every user, by name. */
    Future<List<UserRecord>> users();

    /** Removes a user and the tokens of its logins; false when there was none. */
    Future<Boolean> removeUser(String name);
}
