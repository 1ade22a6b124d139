package dev.kiln.orchestrator.server;

import dev.kiln.kit.PrivateFiles;
import dev.kiln.kit.store.MinioArtifactStore;
import dev.kiln.model.api.AgentKind;
import dev.kiln.model.api.Role;
import dev.kiln.model.job.StoreSettings;
import dev.kiln.orchestrator.OrchestratorException;
import dev.kiln.orchestrator.access.Caller;
import dev.kiln.orchestrator.access.Tokens;
import dev.kiln.orchestrator.access.Users;
import dev.kiln.orchestrator.api.ApiRouter;
import dev.kiln.orchestrator.api.DeployRoutes;
import dev.kiln.orchestrator.core.AgentDesk;
import dev.kiln.orchestrator.core.DeployDesk;
import dev.kiln.orchestrator.core.JobReports;
import dev.kiln.orchestrator.core.LogArchive;
import dev.kiln.orchestrator.core.LogHub;
import dev.kiln.orchestrator.core.ObjectGrants;
import dev.kiln.orchestrator.core.Orchestrator;
import dev.kiln.orchestrator.core.Retention;
import dev.kiln.orchestrator.deploy.Environments;
import dev.kiln.orchestrator.deploy.SecretBox;
import dev.kiln.orchestrator.source.GitMirrors;
import dev.kiln.orchestrator.state.AccessStore;
import dev.kiln.orchestrator.state.AgentGrant;
import dev.kiln.orchestrator.state.Database;
import dev.kiln.orchestrator.state.DeploymentStore;
import dev.kiln.orchestrator.state.HibernateAccessStore;
import dev.kiln.orchestrator.state.HibernateDeploymentStore;
import dev.kiln.orchestrator.state.HibernateStateStore;
import dev.kiln.orchestrator.state.StateStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.hibernate.reactive.stage.Stage;

/** The orchestrator process: database, object store, state, API server and timers, started in that order. */
public final class KilnServer implements AutoCloseable {
    private final List<AutoCloseable> resources;
    private final Vertx vertx;
    private final HttpServer http;
    private String host = "127.0.0.1";
    private final Orchestrator orchestrator;
    private final StoreSettings store;
    private final AtomicBoolean ready;
    private final Tokens tokens;
    private final Users users;
    private final Router router;
    private final Retention retention;

    private KilnServer(
            List<AutoCloseable> resources,
            Vertx vertx,
            HttpServer http,
            Orchestrator orchestrator,
            StoreSettings store,
            AtomicBoolean ready,
            Tokens tokens,
            Users users,
            Router router,
            Retention retention) {
        this.router = router;
        this.retention = retention;
        this.ready = ready;
        this.tokens = tokens;
        this.users = users;
        this.resources = resources;
        this.vertx = vertx;
        this.http = http;
        this.orchestrator = orchestrator;
        this.store = store;
    }

    /**
     * Starts everything; {@code progress} hears each step.
     *
     * @throws OrchestratorException saying what could not start, and what to do
     */
    public static KilnServer start(ServerSettings settings, Consumer<String> progress) throws Exception {
        Files.createDirectories(settings.dataDirectory());
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            Database database;
            if (settings.database().isPresent()) {
                database = Database.fromUrl(settings.database().get(), Optional.empty(), Optional.empty());
                progress.accept("database: " + database.jdbcUrl());
            } else {
                progress.accept("starting the embedded PostgreSQL in "
                        + settings.dataDirectory().resolve("postgres"));
                EmbeddedDatabase embedded =
                        EmbeddedDatabase.start(settings.dataDirectory().resolve("postgres"));
                resources.add(embedded);
                database = embedded.database();
            }
            database.migrate();
            SecretBox secrets = SecretBox.open(
                    settings.dataDirectory(),
                    Optional.ofNullable(
                            dev.kiln.kit.SecretFiles.resolve(System.getenv()).get("KILN_SECRET_KEY")));
            StoreSettings objects = objectStore(settings, resources, progress);
            MinioArtifactStore artifacts = new MinioArtifactStore(
                    objects.endpoint(), objects.accessKey(), objects.secretKey(), objects.bucket(), "");
            Vertx vertx = Vertx.vertx();
            resources.add(
                    0,
                    () -> vertx.close()
                            .toCompletionStage()
                            .toCompletableFuture()
                            .get(10, TimeUnit.SECONDS));
            // built off the event loop: Hibernate connects to learn the database's dialect, blocking
            Stage.SessionFactory sessions = database.open(vertx);
            resources.add(1, sessions);
            // ready to serve before waiting (a warm standby): once the lease is ours, only recovery remains
            Fence fence = new Fence(progress);
            resources.add(2, Leadership.take(database, settings, progress, fence));
            Context context = vertx.getOrCreateContext();
            AtomicBoolean ready = new AtomicBoolean();
            Promise<KilnServer> started = Promise.promise();
            context.runOnContext(v -> {
                StateStore state = new HibernateStateStore(sessions);
                GitMirrors mirrors = new GitMirrors(settings.dataDirectory().resolve("mirrors"));
                Orchestrator.start(vertx, context, state, mirrors, artifacts, secrets, Clock.systemUTC())
                        .compose(orchestrator -> {
                            orchestrator.defaultPollInterval(settings.pollIntervalSeconds());
                            LogHub logs = new LogHub();
                            LogArchive archive = new LogArchive(context, state, artifacts);
                            ObjectGrants grants = new ObjectGrants(context, artifacts, artifacts, Clock.systemUTC());
                            AgentDesk desk =
                                    new AgentDesk(vertx, orchestrator, grants, logs, archive, settings.maxLogBytes());
                            AccessStore access = new HibernateAccessStore(sessions);
                            Tokens tokens = new Tokens(access, Clock.systemUTC());
                            Users users = new Users(access, tokens, context, Clock.systemUTC());
                            DeploymentStore deployments = new HibernateDeploymentStore(sessions);
                            Environments environments = new Environments(deployments, secrets, Clock.systemUTC());
                            DeployDesk deploys = new DeployDesk(orchestrator, environments, deployments, grants);
                            Retention retention =
                                    new Retention(orchestrator, deployments, artifacts, settings.retention());
                            retention.start(vertx);
                            DeployRoutes.Parts parts = new DeployRoutes.Parts(environments, deployments, deploys);
                            Router router = ApiRouter.create(
                                    vertx,
                                    orchestrator,
                                    desk,
                                    state,
                                    tokens,
                                    users,
                                    logs,
                                    archive,
                                    new JobReports(context, artifacts),
                                    parts,
                                    ready::get,
                                    fence::fenced);
                            fence.follow(paused -> context.runOnContext(onContext -> orchestrator.pause(paused)));
                            return deploys.recover()
                                    .compose(recovered -> HttpEdge.create(vertx, router)
                                            .listen(settings.port(), settings.host())
                                            .map(http -> new KilnServer(
                                                    resources,
                                                    vertx,
                                                    http,
                                                    orchestrator,
                                                    objects,
                                                    ready,
                                                    tokens,
                                                    users,
                                                    router,
                                                    retention)));
                        })
                        .onComplete(started);
            });
            KilnServer server;
            try {
                server = started.future()
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(120, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof java.net.BindException) {
                    throw new OrchestratorException(
                            "port " + settings.port() + " on " + settings.host()
                                    + " is in use (is Kiln up already?); pass --port with a free one",
                            e.getCause());
                }
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
            if (!settings.host().equals("0.0.0.0") && !settings.host().equals("::")) {
                server.host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
            }
            progress.accept("listening on " + server.url());
            return server;
        } catch (Exception e) {
            closeAll(resources);
            throw e;
        }
    }

    private static StoreSettings objectStore(
            ServerSettings settings, List<AutoCloseable> resources, Consumer<String> progress) throws Exception {
        if (settings.s3().isEmpty()) {
            EmbeddedObjectStore embedded = EmbeddedObjectStore.start(settings.dataDirectory());
            resources.add(embedded);
            progress.accept(
                    "object store: embedded S3 at " + embedded.settings().endpoint());
            return embedded.settings();
        }
        StoreSettings external = storeAt(settings.s3().get(), settings.s3AccessKey(), settings.s3SecretKey());
        progress.accept("object store: " + external.endpoint() + " bucket " + external.bucket());
        return external;
    }

    /**
     * An S3 store given as {@code http(s)://HOST:PORT/BUCKET} with its keys.
     *
     * @throws OrchestratorException saying what is wrong with the URL, or that the keys are missing
     */
    public static StoreSettings storeAt(String url, Optional<String> accessKey, Optional<String> secretKey) {
        URI uri = URI.create(url);
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
        if (path.isEmpty() || path.contains("/")) {
            throw new OrchestratorException(
                    "--s3 " + url + ": give the bucket as the path," + " as in http://HOST:PORT/BUCKET");
        }
        String access = accessKey.orElseThrow(
                () -> new OrchestratorException("--s3 needs keys: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"));
        String secret = secretKey.orElseThrow(
                () -> new OrchestratorException("--s3 needs keys: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"));
        String endpoint = uri.getScheme() + "://" + uri.getAuthority();
        return new StoreSettings(endpoint, path, access, secret);
    }

    /** Runs work on the orchestrator's context and waits for it (for tools and tests). */
    public <T> T call(java.util.function.Function<Orchestrator, Future<T>> work) throws Exception {
        Promise<T> promise = Promise.promise();
        orchestrator.context().runOnContext(v -> work.apply(orchestrator).onComplete(promise));
        return promise.future().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    /** A retention pass now, as the background runs one every 10 minutes; answers how many runs it removed. */
    public int removeOldRuns() throws Exception {
        return call(o -> retention.sweep());
    }

    /** Health answers 200 from now on (until then 503): call once tokens and agents are set up. */
    public void markReady() {
        ready.set(true);
    }

    /**
     * Every route the server answers, as {@code METHOD PATH} with Vert.x's {@code :name} parameters
     * ({@code GET /api/v1/runs/:id}); catch-all routes (no method) are left out. For the API contract's test.
     */
    public List<String> routes() {
        List<String> routes = new java.util.ArrayList<>();
        for (io.vertx.ext.web.Route route : router.getRoutes()) {
            if (route.getPath() == null
                    || route.methods() == null
                    || route.methods().isEmpty()) {
                continue;
            }
            route.methods().forEach(method -> routes.add(method.name() + " " + route.getPath()));
        }
        return routes;
    }

    /** The API's base URL. */
    public String url() {
        return "http://" + host + ":" + http.actualPort();
    }

    /** Where artifacts are kept. */
    public StoreSettings objectStore() {
        return store;
    }

    /** A new admin API token, kept in the state. */
    public String newToken(String name) throws Exception {
        return newToken(name, Role.ADMIN);
    }

    /** A new API token for a role, kept in the state. */
    public String newToken(String name, Role role) throws Exception {
        return call(o -> tokens.create(name, role));
    }

    /** Whether a token is valid here and speaks for an admin. */
    public boolean tokenValid(String token) throws Exception {
        return call(o -> tokens.principal(token))
                .filter(p -> p.role() == Role.ADMIN)
                .isPresent();
    }

    /**
     * The token kept in {@code file} for agents of this server's own, if it is still valid here; else a new token
     * named {@code name} for agents of that kind (every environment, for deploy agents), kept in {@code file} (0600)
     * after any older token of that name is revoked.
     */
    public String localAgentToken(Path file, String name, AgentKind kind) throws Exception {
        if (Files.isRegularFile(file)) {
            String kept = Files.readString(file).strip();
            Optional<Caller> caller = call(o -> tokens.caller(kept));
            if (caller.isPresent()
                    && caller.get().principal().name().equals(name)
                    && caller.get()
                            .grant()
                            .filter(g -> g.kind().equals(Optional.of(kind)))
                            .isPresent()) {
                return kept;
            }
        }
        call(o -> tokens.revokeAgent(name));
        String token = call(o -> tokens.createAgent(name, AgentGrant.of(kind)));
        Files.createDirectories(file.getParent());
        PrivateFiles.write(file, token + "\n");
        return token;
    }

    /** Adds a user. */
    public void addUser(String name, String password, Role role) throws Exception {
        call(o -> users.add(name, password, role));
    }

    /** Adds the first admin when there are no users yet; answers its password, or empty when users exist. */
    public Optional<String> firstAdmin() throws Exception {
        return call(o -> users.firstAdmin());
    }

    /** Adds the first admin with a given password when there are no users yet; true when it was added. */
    public boolean firstAdmin(String password) throws Exception {
        return call(o -> users.firstAdmin(Optional.of(password))).isPresent();
    }

    /** Keeps a token chosen elsewhere (a deployment's secrets) for a role, unless it is kept already. */
    public void adoptToken(String name, String token, Role role) throws Exception {
        call(o -> tokens.adopt(name, token, role));
    }

    /** Keeps a token chosen elsewhere for agents of one kind (every environment), unless it is kept already. */
    public void adoptAgentToken(String name, String token, AgentKind kind) throws Exception {
        call(o -> tokens.adopt(name, token, Role.AGENT, Optional.of(AgentGrant.of(kind))));
    }

    @Override
    public void close() {
        orchestrator.context().runOnContext(v -> orchestrator.stopTimers(vertx));
        http.close();
        closeAll(resources);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                // closing down: go on with the rest
            }
        }
    }
}
