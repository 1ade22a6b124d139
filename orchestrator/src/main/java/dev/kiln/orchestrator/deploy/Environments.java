package dev.kiln.orchestrator.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.kit.Failures;
import dev.kiln.model.api.ContainerSettings;
import dev.kiln.model.api.EnvironmentSettings;
import dev.kiln.model.api.NewEnvironment;
import dev.kiln.model.deploy.ContainerTarget;
import dev.kiln.model.deploy.DeploymentConfig;
import dev.kiln.model.deploy.KnownHostKey;
import dev.kiln.model.deploy.KnownHostsFile;
import dev.kiln.model.deploy.PortMapping;
import dev.kiln.model.deploy.SshHost;
import dev.kiln.model.deploy.SshTarget;
import dev.kiln.orchestrator.state.DeploymentStore;
import dev.kiln.orchestrator.state.EnvironmentRecord;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Adds, reads and removes environments; the only place their private keys are sealed and opened. */
public final class Environments {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9_.-]{0,99}";

    private final DeploymentStore store;
    private final SecretBox secrets;
    private final Clock clock;

    /** Environments kept in {@code store}, keys sealed in {@code secrets}. */
    public Environments(DeploymentStore store, SecretBox secrets, Clock clock) {
        this.store = store;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** Checks and adds an environment; fails naming the field when one is wrong. */
    public Future<EnvironmentRecord> add(NewEnvironment request) {
        EnvironmentSettings settings;
        try {
            settings = settings(request);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(new InvalidEnvironmentException(Failures.message(e)));
        } catch (InvalidEnvironmentException e) {
            return Future.failedFuture(e);
        }
        // the one secret of an environment: an SSH environment's private key, a container environment's variables
        String secret = settings.docker() == null
                ? Objects.requireNonNullElse(request.privateKey(), "")
                : json(request.env() == null ? Map.of() : new TreeMap<>(request.env()));
        EnvironmentRecord record = new EnvironmentRecord(
                request.name(),
                "env-" + UUID.randomUUID().toString().substring(0, 8),
                json(settings),
                secrets.seal(secret),
                clock.instant());
        return store.addEnvironment(record).map(record);
    }

    private static EnvironmentSettings settings(NewEnvironment r) {
        if (r.name() == null || !r.name().matches(NAME)) {
            throw new InvalidEnvironmentException("field name: '" + r.name() + "' is not an environment name: use"
                    + " letters, digits and . _ -, up to 100, starting with a letter or digit");
        }
        if (r.docker() != null && !r.docker().isBlank()) {
            return containerSettings(r);
        }
        if (r.ssh() == null || r.ssh().isEmpty()) {
            throw new InvalidEnvironmentException(
                    "field ssh: an environment needs at least one host, USER@HOST[:PORT] (or docker: an engine's"
                            + " address, for a container environment)");
        }
        List<String> hosts = new ArrayList<>();
        for (String h : r.ssh()) {
            hosts.add(SshHost.parse(h).toString());
        }
        if (hosts.stream().distinct().count() != hosts.size()) {
            throw new InvalidEnvironmentException("field ssh: a host is listed twice");
        }
        String key = r.privateKey() == null ? "" : r.privateKey();
        if (!key.contains("PRIVATE KEY-----")) {
            throw new InvalidEnvironmentException("field privateKey: expected a private key in OpenSSH or PEM form"
                    + " (the file ssh-keygen wrote, not the .pub)");
        }
        List<KnownHostKey> known =
                r.knownHosts() == null || r.knownHosts().isBlank() ? List.of() : KnownHostsFile.parse(r.knownHosts());
        String config = r.config() == null || r.config().isBlank() ? "OneAtATime" : r.config();
        DeploymentConfig.of(config, r.minHealthy());
        int healthTimeout = healthTimeout(r);
        String url = healthUrl(r);
        int keep = r.keepReleases() == null ? 5 : r.keepReleases();
        if (keep < 1 || keep > 100) {
            throw new InvalidEnvironmentException("field keepReleases: must be from 1 to 100");
        }
        String root = r.root() == null || r.root().isBlank()
                ? "~/kiln/" + r.name()
                : r.root().strip();
        if (!root.startsWith("/") && !root.startsWith("~/")) {
            throw new InvalidEnvironmentException(
                    "field root: expected an absolute folder or one under ~/, found '" + root + "'");
        }
        return new EnvironmentSettings(
                "ssh",
                hosts,
                root,
                config,
                r.minHealthy(),
                url,
                healthTimeout,
                keep,
                Boolean.TRUE.equals(r.trustOnFirstUse()),
                known,
                r.autoRollback() == null || r.autoRollback(),
                null);
    }

    private static EnvironmentSettings containerSettings(NewEnvironment r) {
        ContainerSettings docker = ContainerEnvironments.check(r);
        return new EnvironmentSettings(
                "docker",
                List.of(),
                "",
                "AllAtOnce",
                "",
                healthUrl(r),
                healthTimeout(r),
                1,
                false,
                List.of(),
                r.autoRollback() == null || r.autoRollback(),
                docker);
    }

    private static int healthTimeout(NewEnvironment r) {
        int healthTimeout = r.healthTimeoutSeconds() == null ? 60 : r.healthTimeoutSeconds();
        if (healthTimeout < 1 || healthTimeout > 3600) {
            throw new InvalidEnvironmentException("field healthTimeoutSeconds: must be from 1 to 3600");
        }
        return healthTimeout;
    }

    private static String healthUrl(NewEnvironment r) {
        String url = r.healthUrl() == null ? "" : r.healthUrl().strip();
        if (!url.isEmpty() && !url.matches("https?://\\S+")) {
            throw new InvalidEnvironmentException(
                    "field healthUrl: expected an http:// or https:// URL, found '" + url + "'");
        }
        return url;
    }

    /** Every environment. */
    public Future<List<EnvironmentRecord>> list() {
        return store.environments();
    }

    /** One environment; fails with a 404 saying how to add it. */
    public Future<EnvironmentRecord> get(String name) {
        return store.environment(name)
                .map(found -> found.orElseThrow(() -> new UnknownEnvironmentException("no environment named '" + name
                        + "'; add it with 'kiln environments add " + name + " --ssh USER@HOST --key FILE'"
                        + " (or --docker ENGINE_URL)")));
    }

    /** Removes an environment; false when there was none. */
    public Future<Boolean> remove(String name) {
        return store.removeEnvironment(name);
    }

    /** Records host keys trusted on first use. */
    public Future<Void> trust(String name, List<KnownHostKey> keys) {
        if (keys.isEmpty()) {
            return Future.succeededFuture();
        }
        return get(name).compose(e -> {
            List<KnownHostKey> kept = firstUse(settings(e), keys);
            if (kept.isEmpty()) {
                return Future.succeededFuture();
            }
            return store.updateEnvironment(new EnvironmentRecord(
                    e.name(), e.id(), json(settings(e).withKeys(kept)), e.encryptedKey(), e.createdAt()));
        });
    }

    /**
     * Of the host keys an agent reports, those an environment takes: only where trust-on-first-use is on, only for
     * its own hosts, and only for a host with no key yet (a report never adds a second key to a known host).
     */
    static List<KnownHostKey> firstUse(EnvironmentSettings settings, List<KnownHostKey> reported) {
        if (!settings.trustOnFirstUse()) {
            return List.of();
        }
        java.util.Set<String> hosts = new java.util.HashSet<>();
        for (String host : settings.hosts()) {
            hosts.add(SshHost.parse(host).knownHostsName());
        }
        java.util.Set<String> known = new java.util.HashSet<>();
        settings.knownHostKeys().forEach(k -> known.add(k.host()));
        List<KnownHostKey> kept = new ArrayList<>();
        for (KnownHostKey key : reported) {
            if (hosts.contains(key.host()) && !known.contains(key.host())) {
                kept.add(key);
                known.add(key.host());
            }
        }
        return kept;
    }

    /** The container target a deploy agent is given, with the variables opened; null for SSH hosts. */
    public @Nullable ContainerTarget containerTarget(EnvironmentRecord e) {
        EnvironmentSettings s = settings(e);
        ContainerSettings d = s.docker();
        if (d == null) {
            return null;
        }
        Map<String, String> env;
        try {
            env = JSON.readValue(secrets.open(e.encryptedKey()), new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException x) {
            throw new IllegalStateException("the variables of environment " + e.name() + " are not readable", x);
        }
        return new ContainerTarget(
                d.engine(),
                d.container(),
                d.ports().stream().map(PortMapping::parse).toList(),
                env,
                d.volumes(),
                d.network(),
                d.labels(),
                s.healthUrl(),
                s.healthTimeoutSeconds());
    }

    /** The SSH target a deploy agent is given, with the private key opened; null for a container environment. */
    public @Nullable SshTarget sshTarget(EnvironmentRecord e) {
        EnvironmentSettings s = settings(e);
        if (s.docker() != null) {
            return null;
        }
        return new SshTarget(
                s.hosts().stream().map(SshHost::parse).toList(),
                secrets.open(e.encryptedKey()),
                s.knownHostKeys(),
                s.trustOnFirstUse(),
                s.root(),
                s.healthUrl(),
                s.healthTimeoutSeconds(),
                s.keepReleases());
    }

    /** An environment's settings. */
    public static EnvironmentSettings settings(EnvironmentRecord e) {
        try {
            return JSON.readValue(e.settings(), EnvironmentSettings.class);
        } catch (JsonProcessingException x) {
            throw new IllegalStateException("the settings of environment " + e.name() + " are not readable", x);
        }
    }

    /** The deployment configuration of an environment. */
    public static DeploymentConfig config(EnvironmentSettings s) {
        return DeploymentConfig.of(s.config(), s.minHealthy());
    }

    private static String json(Object settings) {
        try {
            return JSON.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
