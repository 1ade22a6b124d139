package dev.kiln.orchestrator.api;

import dev.kiln.orchestrator.state.StateStore;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/** API tokens: made at random, kept as SHA-256 only, checked against the store once and then from memory. */
public final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StateStore store;
    private final Set<String> known = new HashSet<>();

    /** Tokens kept in a store. */
    public Tokens(StateStore store) {
        this.store = store;
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

    /** Whether a token is valid. */
    public Future<Boolean> valid(String token) {
        String hash = hash(token);
        if (known.contains(hash)) {
            return Future.succeededFuture(true);
        }
        return store.tokenKnown(hash).map(ok -> {
            if (ok) {
                known.add(hash);
            }
            return ok;
        });
    }

    /** Keeps a new token under a name. */
    public Future<Void> add(String name, String token) {
        return store.addToken(name, hash(token));
    }
}
