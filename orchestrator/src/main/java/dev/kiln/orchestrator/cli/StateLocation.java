package dev.kiln.orchestrator.cli;

import dev.kiln.kit.store.ArtifactStore;
import dev.kiln.kit.store.MinioArtifactStore;
import dev.kiln.model.job.StoreSettings;
import dev.kiln.orchestrator.server.KilnServer;
import dev.kiln.orchestrator.state.Database;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Where an orchestrator's state is, for the commands that work on it directly (backup, restore). */
final class StateLocation {
    @Option(
            names = "--database",
            paramLabel = "URL",
            defaultValue = "${env:KILN_DATABASE}",
            description = "postgresql://USER:PASSWORD@HOST:PORT/DB (default: KILN_DATABASE).")
    @Nullable
    String database;

    @Option(
            names = "--s3",
            paramLabel = "URL",
            defaultValue = "${env:KILN_S3}",
            description = "http(s)://HOST:PORT/BUCKET (default: KILN_S3); keys from AWS_ACCESS_KEY_ID and"
                    + " AWS_SECRET_ACCESS_KEY.")
    @Nullable
    String s3;

    /** Whether both were given (the database also as {@code KILN_DATABASE_FILE}). */
    boolean given() {
        return databaseUrl().isPresent() && s3 != null && !s3.isBlank();
    }

    private Optional<String> databaseUrl() {
        Map<String, String> env = dev.kiln.kit.SecretFiles.resolve(System.getenv());
        return Optional.ofNullable(database)
                .filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(env.get("KILN_DATABASE")).filter(s -> !s.isBlank()))
                .map(url -> Database.url(url, Optional.ofNullable(env.get("KILN_DATABASE_PASSWORD"))));
    }

    Database database() {
        return Database.fromUrl(
                databaseUrl().orElseThrow(() -> new IllegalStateException("the database is read once given() says so")),
                Optional.empty(),
                Optional.empty());
    }

    ArtifactStore store() {
        Map<String, String> env = dev.kiln.kit.SecretFiles.resolve(System.getenv());
        StoreSettings settings = KilnServer.storeAt(
                Objects.requireNonNull(s3, "the object store is read once given() says so"),
                Optional.ofNullable(env.get("AWS_ACCESS_KEY_ID")),
                Optional.ofNullable(env.get("AWS_SECRET_ACCESS_KEY")));
        return new MinioArtifactStore(
                settings.endpoint(), settings.accessKey(), settings.secretKey(), settings.bucket(), "");
    }
}
