package dev.kiln.agent.secret;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.kit.JsonFiles;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets from a JSON file, for builds run on a laptop: one object mapping parameter names and secret ids to
 * values. A value that is itself an object is stored as its JSON text (for {@code json-key}). A specific version of a
 * secret is found under {@code "<secret-id>:<version-stage>"} or {@code "<secret-id>:<version-id>"}. Immutable.
 *
 * <pre>{"/prod/db/host": "db.internal", "prod/api": {"key": "s3cr3t"}, "prod/api:AWSPREVIOUS": {"key": "old"}}</pre>
 */
public final class JsonFileSecretProvider implements SecretProvider {
    private final Map<String, String> values;

    private JsonFileSecretProvider(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Reads the file; errors name the file and the entry, never a value. */
    public static JsonFileSecretProvider read(Path file) {
        JsonNode root = JsonFiles.readObject(
                file, "the secrets file", "names to values", m -> new InvalidSecretsFileException(m, null));
        Map<String, String> values = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            JsonNode v = e.getValue();
            if (v.isTextual()) {
                values.put(e.getKey(), v.asText());
            } else if (v.isObject() || v.isNumber() || v.isBoolean()) {
                values.put(e.getKey(), v.isObject() ? v.toString() : v.asText());
            } else {
                throw new InvalidSecretsFileException(
                        "the secrets file " + file + ": entry '" + e.getKey() + "' must be a string or an object",
                        null);
            }
        }
        return new JsonFileSecretProvider(values);
    }

    @Override
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(values.get(name));
    }

    @Override
    public Optional<String> secret(String secretId, Optional<String> versionStage, Optional<String> versionId) {
        if (versionId.isPresent()) {
            return Optional.ofNullable(values.get(secretId + ":" + versionId.get()));
        }
        if (versionStage.isPresent() && !versionStage.get().equals("AWSCURRENT")) {
            return Optional.ofNullable(values.get(secretId + ":" + versionStage.get()));
        }
        return Optional.ofNullable(values.get(secretId));
    }
}
