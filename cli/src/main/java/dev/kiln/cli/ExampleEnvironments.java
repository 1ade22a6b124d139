package dev.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.kit.engine.DockerEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private ExampleEnvironments() {}

    /**
     * Adds what is missing; returns the local SSH server when an environment needs it (the caller stops it).
     *
     * @throws IllegalStateException naming the file and entry that cannot be set up
     */
    static Optional<LocalSshd> prepare(
            Path example, Path data, ApiClient api, Map<String, String> env, Consumer<String> say)
            throws IOException, InterruptedException {
        Path file = example.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode list = ApiClient.JSON.readTree(file.toFile());
        if (!list.isArray()) {
            throw new IllegalStateException(file + ": expected a list of environments");
        }
        LocalSshd sshd = null;
        for (JsonNode entry : (ArrayNode) list) {
            ObjectNode body = entry.deepCopy();
            String name = body.path("name").asText();
            boolean localSsh = body.path("ssh").toString().equals("[\"local\"]");
            if (localSsh && sshd == null) {
                sshd = LocalSshd.start(data.resolve("example-ssh"));
                say.accept("local SSH server for example environments on " + sshd.host());
            }
            if (exists(api, name)) {
                continue;
            }
            if (localSsh) {
                body.putArray("ssh").add(sshd.host());
                body.put("privateKey", sshd.privateKey());
                body.put("knownHosts", sshd.knownHosts());
                body.put(
                        "root",
                        data.resolve("example-hosts")
                                .resolve(name)
                                .toAbsolutePath()
                                .toString());
            }
            if (body.path("docker").asText().equals("local")) {
                body.put("docker", DockerEngine.discover(env).host());
            }
            api.post("/api/v1/environments", body);
            say.accept("added environment " + name + " for the example ("
                    + (body.has("docker")
                            ? "containers on " + body.path("docker").asText()
                            : "SSH to " + body.path("ssh"))
                    + ")");
        }
        return Optional.ofNullable(sshd);
    }

    private static boolean exists(ApiClient api, String name) {
        try {
            api.get("/api/v1/environments/" + EnvironmentsCommand.encode(name));
            return true;
        } catch (ApiCallException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }
}
