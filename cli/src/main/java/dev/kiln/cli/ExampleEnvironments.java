package dev.kiln.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.client.ApiRefusedException;
import dev.kiln.client.KilnClient;
import dev.kiln.kit.engine.DockerEngine;
import dev.kiln.model.api.NewEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The environments an example deploys to, from its {@code .kiln/environments.json}: a list of the bodies
 * {@code POST /api/v1/environments} takes, where {@code "ssh": ["local"]} stands for an OpenSSH server Kiln starts on
 * 127.0.0.1 and {@code "docker": "local"} for the engine Kiln's builds use. Missing ones are added; existing ones
 * are left as they are.
 */
final class ExampleEnvironments {
    static final String FILE = ".kiln/environments.json";

    /** What stands for Kiln's own SSH server or engine in the file. */
    private static final String LOCAL = "local";

    /** Where in the data directory the local SSH server keeps its keys and port. */
    private static final String SSH_DIR = "example-ssh";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExampleEnvironments() {}

    /**
     * Adds what is missing; returns the local SSH server when an environment needs it (the caller stops it).
     *
     * @throws IllegalStateException naming the file and entry that cannot be set up
     */
    static Optional<LocalSshd> prepare(
            Path example, Path data, KilnClient api, Map<String, String> env, Consumer<String> say)
            throws IOException, InterruptedException {
        Path file = example.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<NewEnvironment> list;
        try {
            list = JSON.readValue(file.toFile(), new TypeReference<List<NewEnvironment>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(file + ": expected a list of environments: " + e.getOriginalMessage(), e);
        }
        LocalSshd sshd = null;
        for (NewEnvironment entry : list) {
            String name = entry.name();
            boolean localSsh = List.of(LOCAL).equals(entry.ssh());
            if (localSsh && sshd == null) {
                sshd = LocalSshd.start(data.resolve(SSH_DIR));
                say.accept("local SSH server for example environments on " + sshd.host());
            }
            if (exists(api, name)) {
                continue;
            }
            NewEnvironment body = entry;
            if (localSsh && sshd != null) {
                body = onLocalSsh(
                        entry,
                        sshd,
                        data.resolve("example-hosts")
                                .resolve(name)
                                .toAbsolutePath()
                                .toString());
            }
            if (LOCAL.equals(entry.docker())) {
                body = onEngine(entry, DockerEngine.discover(env).host());
            }
            api.addEnvironment(body);
            say.accept("added environment " + name + " for the example ("
                    + (body.docker() != null ? "containers on " + body.docker() : "SSH to " + body.ssh()) + ")");
        }
        return Optional.ofNullable(sshd);
    }

    /**
     * The local SSH server an earlier {@code --example} set up in {@code data}, started again (same port and keys) so
     * the environments it backs stay reachable on every start; empty when none was set up.
     */
    static Optional<LocalSshd> restore(Path data, Consumer<String> say) throws IOException, InterruptedException {
        Path dir = data.resolve(SSH_DIR);
        if (!Files.isRegularFile(dir.resolve("port"))) {
            return Optional.empty();
        }
        LocalSshd sshd = LocalSshd.start(dir);
        say.accept("local SSH server for example environments on " + sshd.host());
        return Optional.of(sshd);
    }

    private static NewEnvironment onLocalSsh(NewEnvironment e, LocalSshd sshd, String root) throws IOException {
        return new NewEnvironment(
                e.name(),
                List.of(sshd.host()),
                sshd.privateKey(),
                sshd.knownHosts(),
                e.trustOnFirstUse(),
                e.config(),
                e.minHealthy(),
                e.healthUrl(),
                e.healthTimeoutSeconds(),
                root,
                e.keepReleases(),
                e.autoRollback(),
                e.docker(),
                e.container(),
                e.ports(),
                e.env(),
                e.volumes(),
                e.network(),
                e.labels());
    }

    private static NewEnvironment onEngine(NewEnvironment e, String engine) {
        return new NewEnvironment(
                e.name(),
                e.ssh(),
                e.privateKey(),
                e.knownHosts(),
                e.trustOnFirstUse(),
                e.config(),
                e.minHealthy(),
                e.healthUrl(),
                e.healthTimeoutSeconds(),
                e.root(),
                e.keepReleases(),
                e.autoRollback(),
                engine,
                e.container(),
                e.ports(),
                e.env(),
                e.volumes(),
                e.network(),
                e.labels());
    }

    private static boolean exists(KilnClient api, String name) {
        try {
            api.environment(name);
            return true;
        } catch (ApiRefusedException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }
}
