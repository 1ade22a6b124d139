package dev.kiln.agent.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.model.buildspec.BuildspecEnv;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Resolves a buildspec's {@code parameter-store} and {@code secrets-manager} variables. Stateless. */
public final class SecretResolver {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SecretResolver() {}

    /**
     * Every variable's value, parameters first then secrets, in file order.
     *
     * @throws MissingSecretException naming every parameter, secret or json-key that is missing
     */
    public static Map<String, String> resolve(BuildspecEnv env, SecretProvider provider) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        env.parameterStore()
                .forEach((variable, name) -> provider.parameter(name)
                        .ifPresentOrElse(
                                v -> out.put(variable, v),
                                () -> missing.add("parameter " + name + " (for " + variable + ")")));
        env.secretsManager().forEach((variable, reference) -> {
            String[] parts = reference.split(":", -1);
            String id = parts[0];
            Optional<String> jsonKey = part(parts, 1);
            Optional<String> stage = part(parts, 2);
            Optional<String> versionId = part(parts, 3);
            Optional<String> value = provider.secret(id, stage, versionId);
            if (value.isEmpty()) {
                missing.add("secret " + id + stage.map(s -> " at stage " + s).orElse("")
                        + versionId.map(v -> " version " + v).orElse("") + " (for " + variable + ")");
            } else if (jsonKey.isEmpty()) {
                out.put(variable, value.get());
            } else {
                Optional<String> field = field(value.get(), jsonKey.get());
                field.ifPresentOrElse(
                        f -> out.put(variable, f),
                        () -> missing.add("key " + jsonKey.get() + " in secret " + id + " (for " + variable + ")"));
            }
        });
        if (!missing.isEmpty()) {
            throw new MissingSecretException("not found: " + String.join(", ", missing));
        }
        return out;
    }

    private static Optional<String> part(String[] parts, int index) {
        return parts.length > index && !parts[index].isEmpty() ? Optional.of(parts[index]) : Optional.empty();
    }

    private static Optional<String> field(String json, String key) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject() || !node.has(key)) {
                return Optional.empty();
            }
            JsonNode value = node.get(key);
            return Optional.of(value.isTextual() ? value.asText() : value.toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
