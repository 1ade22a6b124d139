package dev.kiln.orchestrator.source;

/**
 * What a private repository is read with over HTTPS: a user name and a token (or password). Kept sealed; never in a
 * URL, an answer or a message.
 *
 * @param username the user name the forge expects with the token (any non-empty name, for most forges' tokens)
 * @param token the token or password
 */
public record GitCredentials(String username, String token) {
    public GitCredentials {
        if (username.isBlank() || token.isBlank()) {
            throw new IllegalArgumentException("credentials need a user name and a token");
        }
        if (username.contains("\n") || token.contains("\n")) {
            throw new IllegalArgumentException("credentials are one line each");
        }
    }

    /** The form they are sealed in: the user name, a line break, the token. */
    public String sealable() {
        return username + "\n" + token;
    }

    /** Credentials back from {@link #sealable()}. */
    public static GitCredentials fromSealable(String text) {
        int newline = text.indexOf('\n');
        if (newline < 0) {
            throw new IllegalArgumentException("sealed credentials are not a user name and a token");
        }
        return new GitCredentials(text.substring(0, newline), text.substring(newline + 1));
    }

    @Override
    public String toString() {
        return "GitCredentials[" + username + ", ***]";
    }

    /** A URL as it may be shown: without any user name or password in it. */
    public static String shown(String url) {
        return url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1");
    }

    /** Whether a URL carries a password (or token) in it: {@code https://user:secret@host/...}. */
    public static boolean hasPassword(String url) {
        return url.matches("^[A-Za-z][A-Za-z0-9+.-]*://[^/@]*:[^/@]*@.*");
    }
}
