package dev.kiln.agent.cli;

import dev.kiln.agent.secret.InvalidSecretsFileException;
import dev.kiln.agent.secret.JsonFileSecretProvider;
import dev.kiln.agent.secret.SecretProvider;
import dev.kiln.agent.source.GitCredentials;
import dev.kiln.agent.source.InvalidCredentialsFileException;
import dev.kiln.kit.Failures;
import dev.kiln.kit.cli.InvalidOptionException;
import dev.kiln.kit.engine.InvalidRegistryCredentialsException;
import dev.kiln.kit.engine.RegistryCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code kiln build}'s options for what a build may reach: logins, secrets and trusted certificates. */
final class AccessOptions {
    @Option(
            names = "--git-credentials",
            paramLabel = "FILE",
            description = "JSON object of URL prefixes or host names to logins ({\"token\": ...} or"
                    + " {\"username\": ..., \"password\": ...}) for git sources over https. Never logged.")
    private @Nullable Path gitCredentialsFile;

    @Option(
            names = "--image-pull-credentials",
            paramLabel = "FILE",
            description = "Logins for private registries: Docker's config.json, or a JSON object of registry hosts"
                    + " to {\"username\": ..., \"password\": ...} (default: ~/.docker/config.json, what docker"
                    + " login writes, if there is one).")
    private @Nullable Path pullCredentialsFile;

    @Option(
            names = "--certificate",
            paramLabel = "FILE",
            description = "A PEM file of certificates the build trusts besides the image's own, such as a"
                    + " TLS-inspecting proxy's (CodeBuild's certificate). Repeatable.")
    private List<Path> certificateFiles = new ArrayList<>();

    @Option(
            names = "--secrets",
            paramLabel = "FILE",
            description = "JSON object of Parameter Store names and Secrets Manager ids to values, for the"
                    + " buildspec's env.parameter-store and env.secrets-manager. Values are masked in the log.")
    private @Nullable Path secretsFile;

    /** The git logins; none without {@code --git-credentials}. */
    GitCredentials gitCredentials() {
        try {
            return gitCredentialsFile == null ? GitCredentials.none() : GitCredentials.read(gitCredentialsFile);
        } catch (InvalidCredentialsFileException e) {
            throw new InvalidOptionException(Failures.message(e));
        }
    }

    /** The registry logins: the file given, else {@code docker login}'s. */
    RegistryCredentials pullLogins() {
        try {
            return pullCredentialsFile != null
                    ? RegistryCredentials.read(pullCredentialsFile)
                    : RegistryCredentials.dockerLogin(Path.of(System.getProperty("user.home")));
        } catch (InvalidRegistryCredentialsException e) {
            throw new InvalidOptionException(Failures.message(e));
        }
    }

    /** The secrets; none without {@code --secrets}. */
    SecretProvider secrets() {
        try {
            return secretsFile == null ? SecretProvider.none() : JsonFileSecretProvider.read(secretsFile);
        } catch (InvalidSecretsFileException e) {
            throw new InvalidOptionException(Failures.message(e));
        }
    }

    /** Each {@code --certificate} file's PEM text. */
    List<String> certificates() {
        List<String> certificates = new ArrayList<>();
        for (Path file : certificateFiles) {
            String pem;
            try {
                pem = Files.readString(file, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new InvalidOptionException("--certificate " + file + ": cannot read it ("
                        + e.getClass().getSimpleName() + ")");
            }
            if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
                throw new InvalidOptionException(
                        "--certificate " + file + ": not a PEM certificate (no BEGIN CERTIFICATE line)");
            }
            certificates.add(pem.strip());
        }
        return certificates;
    }
}
