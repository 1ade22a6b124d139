package dev.kiln.orchestrator.cli;

import dev.kiln.kit.logging.KilnLogging;
import dev.kiln.model.api.AgentKind;
import dev.kiln.model.api.Role;
import dev.kiln.orchestrator.OrchestratorException;
import dev.kiln.orchestrator.server.KilnServer;
import dev.kiln.orchestrator.server.ServerSettings;
import dev.kiln.orchestrator.state.Database;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kiln server}: the orchestrator alone, configured from its environment, as a container runs it. */
@Command(
        name = "server",
        mixinStandardHelpOptions = true,
        description = {
            "Run the orchestrator alone (no local agents, no UI): what the compose stack's orchestrator runs.",
            "Agents and the UI join it over its API. Ready when GET /api/v1/health answers 200.",
            "From the environment: KILN_DATABASE and KILN_S3 (as --database and --s3), KILN_DATABASE_PASSWORD (the",
            "database's password, when the URL has none), AWS_ACCESS_KEY_ID and",
            "AWS_SECRET_ACCESS_KEY (the store's keys), KILN_SECRET_KEY (seals environments' secrets), and tokens it",
            "keeps so that others can call it from the start: KILN_ADMIN_TOKEN (admin), KILN_AGENT_TOKEN (build",
            "agents), KILN_DEPLOY_AGENT_TOKEN (deploy agents, every environment),",
            "KILN_UI_TOKEN (the web UI follows changes with it; viewer). KILN_ADMIN_PASSWORD makes the first admin",
            "user, admin, when there are no users. Each secret may be given as a file instead: NAME_FILE=/path (Docker",
            "secrets), which keeps it out of the process's environment."
        })
public final class ServerCommand implements Callable<Integer> {
    private static final org.slf4j.Logger SAY = KilnLogging.events("kiln server");

    @Option(names = "--port", description = "The API's port (default 8080).")
    int port = 8080;

    @Option(names = "--host", description = "The address to listen on (default 127.0.0.1; 0.0.0.0 in a container).")
    String host = "127.0.0.1";

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "Where the git mirrors (and embedded stores, without --database and --s3) live"
                    + " (default: KILN_HOME/server, or ~/.local/share/kiln/server).")
    @Nullable
    Path data;

    @Option(
            names = "--poll-interval",
            paramLabel = "S",
            description = "Poll interval of repositories added without one (default 60).")
    int pollInterval = 60;

    @Option(
            names = "--database",
            paramLabel = "URL",
            defaultValue = "${env:KILN_DATABASE}",
            description = "postgresql://USER:PASSWORD@HOST:PORT/DB (default: KILN_DATABASE, else an embedded one).")
    @Nullable
    String database;

    @Option(
            names = "--s3",
            paramLabel = "URL",
            defaultValue = "${env:KILN_S3}",
            description = "http(s)://HOST:PORT/BUCKET (default: KILN_S3, else an embedded S3 server).")
    @Nullable
    String s3;

    @Option(
            names = "--max-log-size",
            paramLabel = "SIZE",
            defaultValue = "${env:KILN_MAX_LOG_SIZE:-100m}",
            description = "A job's log is kept up to SIZE (default: KILN_MAX_LOG_SIZE, else 100m; k, m, g): later lines"
                    + " are dropped, the build goes on, and one line at the end counts them.")
    String maxLogSize = "100m";

    @Option(
            names = "--keep-runs",
            paramLabel = "N",
            defaultValue = "${env:KILN_KEEP_RUNS}",
            description = "Keep the newest N ended runs of each pipeline (default: KILN_KEEP_RUNS, else all); older"
                    + " ones are removed in the background with their jobs, logs and artifacts.")
    @Nullable
    Integer keepRuns;

    @Option(
            names = "--keep-days",
            paramLabel = "D",
            defaultValue = "${env:KILN_KEEP_DAYS}",
            description = "Remove ended runs older than D days (default: KILN_KEEP_DAYS, else keep all).")
    @Nullable
    Integer keepDays;

    @Override
    public Integer call() throws Exception {
        if ((keepRuns != null && keepRuns < 1) || (keepDays != null && keepDays < 1)) {
            System.err.println("kiln server: --keep-runs and --keep-days keep at least 1 (leave them out to keep all)");
            return 2;
        }
        Optional<Long> maxLog = dev.kiln.model.Sizes.parse(maxLogSize).filter(n -> n >= 1024);
        if (pollInterval < 0 || port < 0 || port > 65535 || maxLog.isEmpty()) {
            System.err.println("kiln server: --poll-interval must be 0 or more, --port 0..65535, --max-log-size a size"
                    + " of 1k or more (as 100m)");
            return 2;
        }
        Map<String, String> env = dev.kiln.kit.SecretFiles.resolve(System.getenv());
        ServerSettings settings = new ServerSettings(
                host,
                port,
                data != null ? data : ServerSettings.defaultDataDirectory(env),
                pollInterval,
                0,
                Optional.ofNullable(database)
                        .filter(s -> !s.isBlank())
                        .or(() -> Optional.ofNullable(env.get("KILN_DATABASE")).filter(s -> !s.isBlank()))
                        .map(url -> Database.url(url, Optional.ofNullable(env.get("KILN_DATABASE_PASSWORD")))),
                Optional.ofNullable(s3).filter(s -> !s.isBlank()),
                Optional.ofNullable(env.get("AWS_ACCESS_KEY_ID")),
                Optional.ofNullable(env.get("AWS_SECRET_ACCESS_KEY")),
                maxLog.get(),
                new dev.kiln.orchestrator.state.RetentionPolicy(
                        Optional.ofNullable(keepRuns), Optional.ofNullable(keepDays)));
        long start = System.nanoTime();
        KilnServer server = KilnServer.start(settings, SAY::info);
        try {
            adopt(env, "KILN_ADMIN_TOKEN", t -> server.adoptToken("admin-token", t, Role.ADMIN));
            adopt(env, "KILN_AGENT_TOKEN", t -> server.adoptAgentToken("agents", t, AgentKind.BUILD));
            adopt(env, "KILN_DEPLOY_AGENT_TOKEN", t -> server.adoptAgentToken("deploy-agents", t, AgentKind.DEPLOY));
            adopt(env, "KILN_UI_TOKEN", t -> server.adoptToken("ui", t, Role.VIEWER));
            String password = env.getOrDefault("KILN_ADMIN_PASSWORD", "");
            if (!password.isEmpty() && server.firstAdmin(password)) {
                SAY.info("added the first admin user, admin, with KILN_ADMIN_PASSWORD");
            }
        } catch (ExecutionException e) {
            server.close();
            throw e.getCause() instanceof OrchestratorException cause ? cause : e;
        }
        server.markReady();
        CountDownLatch down = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            SAY.info("stopping");
            server.close();
            dev.kiln.kit.logging.KilnLogging.flush();
            down.countDown();
        }));
        SAY.info(String.format("ready at %s in %.1f s", server.url(), (System.nanoTime() - start) / 1e9));
        down.await();
        return 0;
    }

    /** Keeps a token given in the environment. */
    private interface Adoption {
        void keep(String token) throws Exception;
    }

    private static void adopt(Map<String, String> env, String variable, Adoption adoption) throws Exception {
        String token = env.getOrDefault(variable, "");
        if (!token.isEmpty()) {
            try {
                adoption.keep(token);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof OrchestratorException cause) {
                    throw new OrchestratorException(variable + ": " + cause.getMessage(), cause);
                }
                throw e;
            }
        }
    }
}
