package dev.kiln.model.buildspec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code env} section.
 *
 * @param shell {@code sh} (the default when empty) or {@code bash}, as a path or a name
 * @param variables plain variables, in file order; values are literal (no expansion)
 * @param parameterStore variable name to parameter name
 * @param secretsManager variable name to {@code secret-id[:json-key[:version-stage[:version-id]]]}
 * @param exportedVariables names whose final values the build reports
 * @param gitCredentialHelper whether to install a git credential helper
 */
public record BuildspecEnv(
        Optional<String> shell,
        Map<String, String> variables,
        Map<String, String> parameterStore,
        Map<String, String> secretsManager,
        List<String> exportedVariables,
        boolean gitCredentialHelper) {

    /** No env section. */
    public static final BuildspecEnv EMPTY =
            new BuildspecEnv(Optional.empty(), Map.of(), Map.of(), Map.of(), List.of(), false);

    public BuildspecEnv {
        variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
        parameterStore = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameterStore));
        secretsManager = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(secretsManager));
        exportedVariables = List.copyOf(exportedVariables);
    }
}
