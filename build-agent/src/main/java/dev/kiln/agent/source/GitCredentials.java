package dev.kiln.agent.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.kit.JsonFiles;
import java.net.URI;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.jspecify.annotations.Nullable;

/**
 * The credential store for git sources over http(s): a JSON object whose keys are URL prefixes
 * ({@code https://git.example.com/team/}) or host names, and whose values hold a {@code token} or a
 * {@code username} and {@code password}. The longest matching prefix wins. Values are never part of a message.
 *
 * <pre>{"https://git.example.com": {"username": "ci", "password": "..."}, "github.com": {"token": "..."}}</pre>
 */
public final class GitCredentials {
    /** The user name sent with a bare token, which GitHub, GitLab and Gitea all accept. */
    static final String TOKEN_USER = "x-access-token";

    private final Map<String, Login> logins;

    private GitCredentials(Map<String, Login> logins) {
        this.logins = Map.copyOf(logins);
    }

    /**
     * One login.
     *
     * @param username the user name
     * @param password the password or token
     */
    public record Login(String username, String password) {
        @Override
        public String toString() {
            return "Login[" + username + ", ***]";
        }
    }

    /** No credentials: public repositories only. */
    public static GitCredentials none() {
        return new GitCredentials(Map.of());
    }

    /** One login for every URL with this prefix. */
    public static GitCredentials of(String prefix, Login login) {
        return new GitCredentials(Map.of(prefix, login));
    }

    /**
     * Reads a credentials file.
     *
     * @throws InvalidCredentialsFileException naming the file and entry, never a value
     */
    public static GitCredentials read(Path file) {
        JsonNode root = JsonFiles.readObject(
                file, "the git credentials file", "URL prefixes to logins", InvalidCredentialsFileException::new);
        Map<String, Login> logins = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            JsonNode v = e.getValue();
            String where = "the git credentials file " + file + ": entry '" + e.getKey() + "' ";
            if (v.hasNonNull("token") && v.get("token").isTextual()) {
                logins.put(
                        e.getKey(),
                        new Login(
                                v.path("username").asText(TOKEN_USER),
                                v.get("token").asText()));
            } else if (v.path("username").isTextual() && v.path("password").isTextual()) {
                logins.put(
                        e.getKey(),
                        new Login(v.get("username").asText(), v.get("password").asText()));
            } else {
                throw new InvalidCredentialsFileException(
                        where + "needs a \"token\", or a \"username\" and a \"password\"");
            }
        }
        return new GitCredentials(logins);
    }

    /** The login for a URL, if any. */
    public Optional<Login> loginFor(String url) {
        String host = host(url);
        return logins.entrySet().stream()
                .filter(e -> url.startsWith(e.getKey()) || e.getKey().equals(host))
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getValue);
    }

    /** JGit's view of the login for a URL; null when there is none. */
    @Nullable
    CredentialsProvider providerFor(String url) {
        return loginFor(url)
                .map(l -> new UsernamePasswordCredentialsProvider(l.username(), l.password()))
                .orElse(null);
    }

    /** Every password and token, for masking. */
    public java.util.List<String> secrets() {
        return logins.values().stream().map(Login::password).toList();
    }

    /** A URL without the user information it may carry ({@code https://user:pw@host} to {@code https://host}). */
    public static String redact(String url) {
        return url.replaceAll("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1");
    }

    private static String host(String url) {
        try {
            String h = URI.create(url).getHost();
            return h == null ? "" : h;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
