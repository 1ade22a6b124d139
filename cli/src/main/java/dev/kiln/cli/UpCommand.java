package dev.kiln.cli;

import dev.kiln.client.KilnClient;
import dev.kiln.kit.PrivateFiles;
import dev.kiln.kit.logging.KilnLogging;
import dev.kiln.kit.remote.ServerConfig;
import dev.kiln.model.api.AgentKind;
import dev.kiln.model.api.Allowance;
import dev.kiln.orchestrator.server.KilnServer;
import dev.kiln.orchestrator.server.ServerSettings;
import dev.kiln.ui.UiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kiln up}: the orchestrator in the foreground, with local build agents. */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = {
            "Run the Kiln orchestrator in the foreground, with N local build agents and a deploy agent as child"
                    + " processes.",
            "On embedded defaults it runs its own PostgreSQL and S3-compatible server in the data directory;",
            "--database and --s3 point it at real ones. Ready when GET /api/v1/health answers 200.",
            "Writes the server URL and an admin token to ~/.kiln/config (mode 0600) for the other commands."
        })
final class UpCommand implements Callable<Integer> {
    private static final org.slf4j.Logger SAY = KilnLogging.events("kiln up");

    @Option(names = "--port", description = "The API's port (default 8080; 0 for any free one).")
    int port = 8080;

    @Option(names = "--host", description = "The address to listen on (default 127.0.0.1).")
    String host = "127.0.0.1";

    @Option(names = "--ui-port", description = "The web UI's port (default 8081; 0 for any free one; -1 for no UI).")
    int uiPort = 8081;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "Where state lives (default: KILN_HOME/server, or" + " ~/.local/share/kiln/server).")
    @Nullable
    Path data;

    @Option(
            names = "--poll-interval",
            paramLabel = "S",
            description = "Poll interval of repositories added" + " without one (default 60).")
    int pollInterval = 60;

    @Option(
            names = "--agents",
            paramLabel = "N",
            description = "Local build agents to run (default 1), plus one local deploy agent; 0 runs no local agent.")
    int agents = 1;

    @Option(
            names = "--database",
            paramLabel = "URL",
            description = "postgresql://USER:PASSWORD@HOST:PORT/DB" + " instead of the embedded PostgreSQL.")
    @Nullable
    String database;

    @Option(
            names = "--s3",
            paramLabel = "URL",
            description = "http(s)://HOST:PORT/BUCKET instead of the embedded"
                    + " S3 server; keys from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.")
    @Nullable
    String s3;

    @Option(
            names = "--example",
            paramLabel = "NAME",
            description = "Register pipelines-examples/NAME as a local"
                    + " git repository (made once in the data directory, polled every 2 s) and run it.")
    @Nullable
    String example;

    @Option(
            names = "--max-log-size",
            paramLabel = "SIZE",
            description =
                    "A job's log is kept up to SIZE (default 100m; k, m, g): later lines are dropped, the build goes"
                            + " on, and one line at the end counts them.")
    String maxLogSize = "100m";

    @Option(
            names = "--keep-runs",
            paramLabel = "N",
            description = "Keep the newest N ended runs of each pipeline; older ones are removed in the background with"
                    + " their jobs, logs and artifacts (default: keep all). Never a live run, nor the run of an"
                    + " environment's last successful deployment.")
    @Nullable
    Integer keepRuns;

    @Option(
            names = "--keep-days",
            paramLabel = "D",
            description = "Remove ended runs older than D days, as --keep-runs does (default: keep all).")
    @Nullable
    Integer keepDays;

    @Option(
            names = "--grace",
            paramLabel = "S",
            description = "On Ctrl-C or SIGTERM: seconds the local agents' jobs may take to end by themselves"
                    + " (default 30, as docker stop); jobs still running then are given back and run again at the next"
                    + " start.")
    int grace = 30;

    @Option(
            names = "--certificate",
            paramLabel = "FILE",
            description = "A PEM certificate the local agents' builds" + " trust (repeatable).")
    List<Path> certificates = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (agents < 0
                || agents > 32
                || pollInterval < 0
                || port < 0
                || port > 65535
                || uiPort < -1
                || uiPort > 65535
                || grace < 0
                || grace > 3600) {
            System.err.println("kiln up: --agents must be 0..32, --poll-interval 0 or more, --port 0..65535,"
                    + " --ui-port -1..65535, --grace 0..3600");
            return 2;
        }
        if ((keepRuns != null && keepRuns < 1) || (keepDays != null && keepDays < 1)) {
            System.err.println("kiln up: --keep-runs and --keep-days keep at least 1 (leave them out to keep all)");
            return 2;
        }
        Optional<Long> maxLog = dev.kiln.model.Sizes.parse(maxLogSize).filter(n -> n >= 1024);
        if (maxLog.isEmpty()) {
            System.err.println("kiln up: --max-log-size " + maxLogSize + ": give a size of 1k or more, as 100m or 1g");
            return 2;
        }
        Map<String, String> env = dev.kiln.kit.SecretFiles.resolve(System.getenv());
        Path dir = data != null ? data : ServerSettings.defaultDataDirectory(env);
        ServerSettings settings = new ServerSettings(
                host,
                port,
                dir,
                pollInterval,
                agents,
                Optional.ofNullable(database),
                Optional.ofNullable(s3),
                Optional.ofNullable(env.get("AWS_ACCESS_KEY_ID")),
                Optional.ofNullable(env.get("AWS_SECRET_ACCESS_KEY")),
                maxLog.get(),
                new dev.kiln.orchestrator.state.RetentionPolicy(
                        Optional.ofNullable(keepRuns), Optional.ofNullable(keepDays)));
        long start = System.nanoTime();
        KilnServer server = KilnServer.start(settings, SAY::info);
        LocalAgents local = new LocalAgents(dir, java.time.Duration.ofSeconds(grace));
        Optional<LocalSshd> sshd = Optional.empty();
        UiServer ui = null;
        try {
            String token = token(server, env);
            List<String> agentArgs = new ArrayList<>();
            certificates.forEach(c ->
                    agentArgs.addAll(List.of("--certificate", c.toAbsolutePath().toString())));
            LocalAgents.Tokens agentTokens = new LocalAgents.Tokens(
                    server.localAgentToken(dir.resolve("agent-tokens/build"), "local-build", AgentKind.BUILD),
                    server.localAgentToken(dir.resolve("agent-tokens/deploy"), "local-deploy", AgentKind.DEPLOY));
            local.start(agents, server.url(), agentTokens, agentArgs, dir.resolve("logs"));
            if (example != null) {
                sshd = ExampleEnvironments.prepare(
                        ExampleRepository.examples(env).resolve(example),
                        dir,
                        new KilnClient(server.url(), token),
                        env,
                        SAY::info);
                runExample(server, dir, env);
            } else {
                // the SSH server an earlier --example set up stands in for hosts of environments that stay
                sshd = ExampleEnvironments.restore(dir, SAY::info);
            }
            ui = uiPort < 0 ? null : UiServer.start(host, uiPort, new KilnClient(server.url(), token));
        } catch (Exception | Error e) {
            // a start that fails leaves nothing running: what it started is stopped, in the reverse order
            SAY.info("did not start; stopping what it started");
            sshd.ifPresent(LocalSshd::close);
            local.stop();
            server.close();
            throw e;
        }
        server.markReady();
        UiServer webUi = ui;
        CountDownLatch down = new CountDownLatch(1);
        Optional<LocalSshd> exampleHosts = sshd;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // the agents first, while the orchestrator and the example's hosts still answer them: the jobs they run
            // end within the grace, or are given back to run again at the next start
            SAY.info("stopping: the local agents' jobs have up to " + grace + " s to end");
            try {
                stopping("the local agents", local::stop);
                stopping("the example's SSH server", () -> exampleHosts.ifPresent(LocalSshd::close));
                if (webUi != null) {
                    stopping("the web UI", webUi::close);
                }
                stopping("the orchestrator", server::close);
                SAY.info("stopped");
            } finally {
                dev.kiln.kit.logging.KilnLogging.flush();
                down.countDown();
            }
        }));
        SAY.info(String.format(
                "ready at %s in %.1f s, with %d local agent(s); config in %s",
                server.url(), (System.nanoTime() - start) / 1e9, local.count(), ServerConfig.file(env)));
        if (webUi != null) {
            SAY.info("web UI at " + webUi.url() + " " + firstAdmin(server, env));
        }
        down.await();
        return 0;
    }

    /** One step of a stop: a failure is said, and the stop goes on with the next. */
    private static void stopping(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | Error e) {
            SAY.warn("stopping " + what + " failed: " + e);
        }
    }

    /**
     * Adds the first admin when there are no users yet, its password written next to the config file (readable by
     * its owner only); answers how to log in.
     */
    private static String firstAdmin(KilnServer server, Map<String, String> env) throws Exception {
        Path file = ServerConfig.file(env).resolveSibling("ui-admin");
        Optional<String> password = server.firstAdmin();
        if (password.isPresent()) {
            PrivateFiles.write(
                    file,
                    "# Kiln: the first admin of the web UI; add more users with kiln users add\nuser=admin\npassword="
                            + password.get() + "\n");
            return "(log in as admin with the password in " + file + ")";
        }
        return Files.isRegularFile(file)
                ? "(log in as admin with the password in " + file + ", or as a user kiln users add made)"
                : "(log in as a user kiln users add made)";
    }

    private void runExample(KilnServer server, Path dir, Map<String, String> env) throws Exception {
        String example = Objects.requireNonNull(this.example, "runExample is called with --example");
        Path bare = ExampleRepository.prepare(ExampleRepository.examples(env), example, dir);
        boolean known = server.call(
                o -> io.vertx.core.Future.succeededFuture(o.repository(example).isPresent()));
        // the examples Kiln ships are allowed privileged builds: the service example builds its image with docker
        java.util.Set<Allowance> allowed = java.util.Set.of(Allowance.PRIVILEGED);
        if (!known) {
            server.call(o -> o.addRepository(new dev.kiln.orchestrator.state.Repository(
                    example,
                    bare.toString(),
                    Optional.of("main"),
                    Optional.empty(),
                    2,
                    Map.of(),
                    java.time.Instant.now(),
                    allowed,
                    Optional.empty())));
        } else {
            server.call(o -> o.allow(example, allowed));
        }
        String run = server.call(o -> o.startManually(example, Optional.empty()));
        Path clone = ExampleRepository.clone(dir, example);
        SAY.info("example " + example + " registered from " + bare + "; run " + run + " started");
        SAY.info("in another terminal: bin/kiln runs list; bin/kiln logs " + run + " --follow");
        if (java.nio.file.Files.isRegularFile(
                ExampleRepository.examples(env).resolve(example).resolve(ExampleEnvironments.FILE))) {
            SAY.info("the example deploys: bin/kiln environments list; bin/kiln deployments list;"
                    + " approve a stage waiting for it with bin/kiln approve " + run + " --stage STAGE");
        }
        SAY.info("commit and push to run it again: cd " + clone
                + " && echo >> README.md && git commit -qam 'a change' && git push -q");
    }

    /** The token in the config file if it is valid here, else a new admin token written there. */
    private static String token(KilnServer server, Map<String, String> env) throws Exception {
        Path file = ServerConfig.file(env);
        try {
            ServerConfig existing = ServerConfig.resolve(
                    Optional.of(server.url()), Optional.empty(), Map.of("KILN_CONFIG", file.toString()));
            if (server.tokenValid(existing.token())) {
                new ServerConfig(server.url(), existing.token()).write(file);
                return existing.token();
            }
        } catch (RuntimeException e) {
            // no usable token yet
        }
        String token = server.newToken("admin");
        new ServerConfig(server.url(), token).write(file);
        return token;
    }
}
