package dev.kiln.orchestrator.server;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How {@code kiln up} runs.
 *
 * @param host the address to listen on
 * @param port the API's port (0 for any free one)
 * @param dataDirectory where the embedded database, objects, mirrors and the config live
 * @param pollIntervalSeconds the default poll interval of repositories added without one
 * @param agents how many local build agents to start as child processes
 * @param database a PostgreSQL URL, or empty for the embedded one
 * @param s3 an S3 URL ({@code http(s)://host:port/bucket}), or empty for the embedded one
 * @param s3AccessKey the S3 access key, with {@code s3}
 * @param s3SecretKey the S3 secret key, with {@code s3}
 * @param maxLogBytes a job's log is kept up to this size; later lines are dropped and counted
 * @param retention which ended runs are kept (the others are removed in the background)
 */
public record ServerSettings(
        String host,
        int port,
        Path dataDirectory,
        int pollIntervalSeconds,
        int agents,
        Optional<String> database,
        Optional<String> s3,
        Optional<String> s3AccessKey,
        Optional<String> s3SecretKey,
        long maxLogBytes,
        dev.kiln.orchestrator.state.RetentionPolicy retention) {

    /** A job's log is kept up to 100 MiB unless told otherwise. */
    public static final long DEFAULT_MAX_LOG_BYTES = 100L << 20;

    /** Settings with logs kept up to {@link #DEFAULT_MAX_LOG_BYTES}. */
    public ServerSettings(
            String host,
            int port,
            Path dataDirectory,
            int pollIntervalSeconds,
            int agents,
            Optional<String> database,
            Optional<String> s3,
            Optional<String> s3AccessKey,
            Optional<String> s3SecretKey) {
        this(
                host,
                port,
                dataDirectory,
                pollIntervalSeconds,
                agents,
                database,
                s3,
                s3AccessKey,
                s3SecretKey,
                DEFAULT_MAX_LOG_BYTES,
                dev.kiln.orchestrator.state.RetentionPolicy.KEEP_ALL);
    }

    /** Settings that keep every run. */
    public ServerSettings(
            String host,
            int port,
            Path dataDirectory,
            int pollIntervalSeconds,
            int agents,
            Optional<String> database,
            Optional<String> s3,
            Optional<String> s3AccessKey,
            Optional<String> s3SecretKey,
            long maxLogBytes) {
        this(
                host,
                port,
                dataDirectory,
                pollIntervalSeconds,
                agents,
                database,
                s3,
                s3AccessKey,
                s3SecretKey,
                maxLogBytes,
                dev.kiln.orchestrator.state.RetentionPolicy.KEEP_ALL);
    }

    public ServerSettings {
        if (maxLogBytes < 1024) {
            throw new IllegalArgumentException("a job's log must be allowed at least 1 KiB");
        }
    }

    /** Where a server keeps its data when not told: {@code $KILN_HOME/server}, else under the XDG data home. */
    public static Path defaultDataDirectory(Map<String, String> env) {
        String home = env.get("KILN_HOME");
        if (home != null && !home.isEmpty()) {
            return Path.of(home, "server");
        }
        String xdg = env.getOrDefault(
                "XDG_DATA_HOME",
                Path.of(System.getProperty("user.home"), ".local", "share").toString());
        return Path.of(xdg, "kiln", "server");
    }
}
