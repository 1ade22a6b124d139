package dev.kiln.kit.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.AuthConfig;
import dev.kiln.kit.JsonFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Logins for pulling build images, by registry host. Read from Docker's own {@code config.json} ({@code "auths"}
 * with a base64 {@code auth} or a username and password per registry) or from a plain JSON object of registry hosts
 * to {@code {"username": ..., "password": ...}}. Passwords never appear in a message. Immutable.
 */
public final class RegistryCredentials {
    private static final String DOCKER_HUB = "docker.io";
    private final Map<String, AuthConfig> logins;

    private RegistryCredentials(Map<String, AuthConfig> logins) {
        this.logins = Map.copyOf(logins);
    }

    /** No logins: public images only. */
    public static RegistryCredentials none() {
        return new RegistryCredentials(Map.of());
    }

    /**
     * The logins in Docker's {@code config.json} under {@code home} ({@code ~/.docker/config.json}), what
     * {@code docker login} writes; none when there is no such file or it cannot be read.
     */
    public static RegistryCredentials dockerLogin(Path home) {
        Path file = home.resolve(".docker/config.json");
        if (!Files.isRegularFile(file)) {
            return none();
        }
        try {
            return read(file);
        } catch (InvalidRegistryCredentialsException e) {
            return none();
        }
    }

    /**
     * Reads a credentials file.
     *
     * @throws InvalidRegistryCredentialsException naming the file and registry, never a password
     */
    public static RegistryCredentials read(Path file) {
        JsonNode root = JsonFiles.readObject(
                file,
                "the image pull credentials file",
                "registries to logins",
                InvalidRegistryCredentialsException::new);
        JsonNode entries = root.has("auths") ? root.get("auths") : root;
        Map<String, AuthConfig> logins = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : entries.properties()) {
            String registry = host(e.getKey());
            JsonNode v = e.getValue();
            String user = v.path("username").asText(null);
            String password = v.path("password").asText(null);
            if (v.hasNonNull("auth")) {
                String decoded =
                        new String(Base64.getDecoder().decode(v.get("auth").asText("")), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    user = decoded.substring(0, colon);
                    password = decoded.substring(colon + 1);
                }
            }
            if (user == null || password == null) {
                throw new InvalidRegistryCredentialsException("the image pull credentials file " + file
                        + ": registry '" + e.getKey() + "' needs a \"username\" and a \"password\" (or Docker's"
                        + " \"auth\")");
            }
            logins.put(
                    registry,
                    new AuthConfig().withUsername(user).withPassword(password).withRegistryAddress(e.getKey()));
        }
        return new RegistryCredentials(logins);
    }

    /** The login for the registry an image reference names (Docker Hub when it names none). */
    public Optional<AuthConfig> forImage(String image) {
        return Optional.ofNullable(logins.get(registryOf(image)));
    }

    public static String registryOf(String image) {
        return Images.hasRegistry(image) ? image.substring(0, image.indexOf('/')) : DOCKER_HUB;
    }

    private static String host(String key) {
        String h = key.replaceFirst("^https?://", "");
        int slash = h.indexOf('/');
        h = slash < 0 ? h : h.substring(0, slash);
        return h.equals("index.docker.io") || h.equals("registry-1.docker.io") ? DOCKER_HUB : h;
    }
}
