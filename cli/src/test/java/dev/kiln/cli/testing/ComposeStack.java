package dev.kiln.cli.testing;

import dev.kiln.kit.engine.DockerEngine;
import dev.kiln.kit.engine.EngineRace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The project's own {@code docker-compose.yml} (with the offline override and a test's own files) brought up with
 * {@code docker-compose} against this machine's engine, under a project name of its own, with fresh secrets made by
 * {@code bin/compose-secrets} in its own directory; on Podman, health checks run by {@code bin/podman-healthchecks}. Closing takes it down with its volumes.
 */
public final class ComposeStack implements AutoCloseable {
    private final Path root;
    private final Path dir;
    private final String project;
    private final List<Path> files;
    private final Map<String, String> env;
    private final DockerEngine engine;
    private Process healthchecks;

    private ComposeStack(
            Path root, Path dir, String project, List<Path> files, Map<String, String> env, DockerEngine engine) {
        this.root = root;
        this.dir = dir;
        this.project = project;
        this.files = files;
        this.env = env;
        this.engine = engine;
    }

    /** The repository's top directory (tests run in a module's). */
    public static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isRegularFile(here.resolve("docker-compose.yml")) ? here : here.getParent();
    }

    /**
     * A stack not started yet: secrets made, ports free; {@code extraFiles} are compose files merged after the
     * project's, {@code extraEnv} more variables for them.
     */
    public static ComposeStack prepare(
            Path dir, DockerEngine engine, List<Path> extraFiles, Map<String, String> extraEnv) throws IOException {
        Path root = root();
        List<Path> files = new ArrayList<>(
                List.of(root.resolve("docker-compose.yml"), root.resolve("docker-compose.offline.yml")));
        files.addAll(extraFiles);
        SecureRandom random = new SecureRandom();
        Files.createDirectories(dir);
        // the secrets as the README makes them: bin/compose-secrets, one file each, mounted as Docker secrets
        Path secretsDir = dir.resolve("secrets");
        Process made = new ProcessBuilder(root.resolve("bin/compose-secrets").toString(), secretsDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("compose-secrets.log").toFile())
                .start();
        try {
            if (!made.waitFor(1, TimeUnit.MINUTES) || made.exitValue() != 0) {
                throw new IOException(
                        "bin/compose-secrets failed: " + Files.readString(dir.resolve("compose-secrets.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the secrets", e);
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        SECRET_FILES.forEach((name, file) -> secrets.put(name, read(secretsDir.resolve(file))));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("KILN_SECRETS_DIR", secretsDir.toString());
        settings.put("KILN_ENGINE_SOCKET", engine.host().replaceFirst("^unix://", ""));
        settings.put("KILN_HTTP_PORT", Integer.toString(UpProcess.freePort()));
        settings.put("KILN_UI_PORT", Integer.toString(UpProcess.freePort()));
        settings.putAll(extraEnv);
        StringBuilder text = new StringBuilder();
        settings.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(dir.resolve("compose.env"), text, StandardCharsets.UTF_8);
        Map<String, String> env = new LinkedHashMap<>(settings);
        env.putAll(secrets);
        String project = "kiln-it-" + Long.toHexString(random.nextLong() & 0xffffffL);
        return new ComposeStack(root, dir, project, files, env, engine);
    }

    /** Each secret bin/compose-secrets makes, by the variable it stands for, and its file. */
    private static final Map<String, String> SECRET_FILES = Map.of(
            "POSTGRES_PASSWORD", "postgres-password",
            "KILN_S3_ACCESS_KEY", "s3-access-key",
            "KILN_S3_SECRET_KEY", "s3-secret-key",
            "KILN_SECRET_KEY", "secret-key",
            "KILN_ADMIN_TOKEN", "admin-token",
            "KILN_AGENT_TOKEN", "agent-token",
            "KILN_DEPLOY_AGENT_TOKEN", "deploy-agent-token",
            "KILN_UI_TOKEN", "ui-token",
            "KILN_ADMIN_PASSWORD", "admin-password");

    /**
     * The values of every secret, for checking that none shows where it must not; the store's access key id is a
     * name (as an AWS access key id is), not one of them.
     */
    public List<String> secrets() {
        return SECRET_FILES.keySet().stream()
                .filter(name -> !name.equals("KILN_S3_ACCESS_KEY"))
                .map(env::get)
                .toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Makes the offline base images (once per machine), then builds and starts the stack. */
    public void up(String... more) throws IOException, InterruptedException {
        run(Duration.ofMinutes(6), List.of(root.resolve("bin/compose-images").toString()));
        if (engine.isPodman() && healthchecks == null) {
            healthchecks = new ProcessBuilder(
                            root.resolve("bin/podman-healthchecks").toString(),
                            "--project",
                            project,
                            "--while",
                            Long.toString(ProcessHandle.current().pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("healthchecks.log").toFile())
                    .start();
        }
        List<String> args = new ArrayList<>(List.of("up", "-d", "--build"));
        args.addAll(List.of(more));
        compose(Duration.ofMinutes(8), args.toArray(String[]::new));
    }

    /** Runs {@code docker-compose ARGS} for this stack; fails with its output's end unless it exits 0. */
    public String compose(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "docker-compose",
                "--no-ansi",
                "-p",
                project,
                "--env-file",
                dir.resolve("compose.env").toString()));
        for (Path file : files) {
            command.addAll(List.of("-f", file.toString()));
        }
        command.addAll(List.of(args));
        try {
            return run(timeout, command);
        } catch (AssertionError e) {
            // Podman 4.3 can fail a container start when it reads the cgroup of a process that has just been
            // replaced ("could not find any cgroup in /proc/N/cgroup"). The engine, not the stack, failed:
            // the same command is tried once more, and whatever it started is checked by the test as before.
            if (!engine.isPodman() || !EngineRace.isPassingRace(e)) {
                throw e;
            }
            System.getLogger("compose")
                    .log(System.Logger.Level.WARNING, "engine cgroup race, trying again: " + e.getMessage());
            return run(timeout, command);
        }
    }

    private String run(Duration timeout, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "command", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().put("DOCKER_HOST", engine.host());
        builder.environment().put("COMPOSE_DOCKER_CLI_BUILD", "0");
        Process process = builder.start();
        boolean ended = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
        String text = Files.readString(out, StandardCharsets.UTF_8);
        if (!ended) {
            process.destroyForcibly();
            throw new AssertionError(
                    String.join(" ", command) + " did not end within " + timeout.toSeconds() + " s:\n" + tail(text));
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + process.exitValue() + ":\n" + tail(text));
        }
        return text;
    }

    private static String tail(String text) {
        return text.length() > 4000 ? "..." + text.substring(text.length() - 4000) : text;
    }

    /** A variable of the env file (a secret or port). */
    public String env(String name) {
        return env.get(name);
    }

    /** The orchestrator's published URL. */
    public String apiUrl() {
        return "http://127.0.0.1:" + env.get("KILN_HTTP_PORT");
    }

    /** The UI's published URL. */
    public String uiUrl() {
        return "http://127.0.0.1:" + env.get("KILN_UI_PORT") + "/";
    }

    /** The compose project's name, its containers' label {@code com.docker.compose.project}. */
    public String project() {
        return project;
    }

    /** What {@code service}'s containers wrote, each line without the prefix naming its container. */
    public List<String> serviceLog(String service) throws IOException, InterruptedException {
        List<String> lines = new java.util.ArrayList<>();
        for (String line :
                compose(Duration.ofMinutes(1), "logs", "--no-color", service).split("\n")) {
            int bar = line.indexOf("| ");
            if (bar > 0 && line.substring(0, bar).strip().contains(service)) {
                lines.add(line.substring(bar + 2));
            }
        }
        return lines;
    }

    /** Every service's log, for a failing test's message. */
    public String logs() {
        try {
            return tail(compose(Duration.ofMinutes(1), "logs", "--no-color", "--tail", "40"));
        } catch (IOException | InterruptedException | AssertionError e) {
            return "(no logs: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            compose(Duration.ofMinutes(3), "down", "-v", "--remove-orphans", "-t", "5");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (healthchecks != null) {
                healthchecks.destroy();
            }
        }
    }
}
