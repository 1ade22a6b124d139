package dev.kiln.agent.secret;

import java.util.Optional;

/** Looks up Parameter Store parameters and Secrets Manager secrets by name. Thread-safe. */
public interface SecretProvider {

    /** A parameter's value. */
    Optional<String> parameter(String name);

    /**
     * A secret's value (a string, possibly JSON).
     *
     * @param secretId the secret's name or ARN
     * @param versionStage a staging label; empty means the current version
     * @param versionId a version id; empty means by stage
     */
    Optional<String> secret(String secretId, Optional<String> versionStage, Optional<String> versionId);

    /** A provider with nothing in it. */
    static SecretProvider none() {
        return new SecretProvider() {
            @Override
            public Optional<String> parameter(String name) {
                return Optional.empty();
            }

            @Override
            public Optional<String> secret(String secretId, Optional<String> stage, Optional<String> versionId) {
                return Optional.empty();
            }
        };
    }
}
