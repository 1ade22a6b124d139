package dev.kiln.cli.testing;

import dev.kiln.orchestrator.access.Tokens;
import dev.kiln.orchestrator.server.EmbeddedObjectStore;
import dev.kiln.orchestrator.testing.TestPostgres;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * What a {@code kiln server} process is started with, as in the compose stack: a fresh database, an S3 server of the
 * test's own (closed with the test), a secret key and fresh admin and agent tokens.
 *
 * @param env the process's environment ({@code KILN_DATABASE}, {@code KILN_S3}, the store's keys,
 *     {@code KILN_SECRET_KEY}, {@code KILN_ADMIN_TOKEN_FILE}, {@code KILN_AGENT_TOKEN})
 * @param adminToken the admin's token
 * @param agentToken the agents' token
 * @param storeSecret the store's secret key
 */
public record ServerEnvironment(Map<String, String> env, String adminToken, String agentToken, String storeSecret) {
    public ServerEnvironment {
        env = Map.copyOf(env);
    }

    /** A fresh one, its object store over {@code objects} on loopback, closed by {@code closer}. */
    public static ServerEnvironment fresh(Path objects, String storeKey, Closer closer) throws Exception {
        int s3Port = UpProcess.freePort();
        String storeSecret = Tokens.generate();
        closer.add(EmbeddedObjectStore.serve(objects, "127.0.0.1", s3Port, storeKey, storeSecret));
        String admin = Tokens.generate();
        String agents = Tokens.generate();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> env = new HashMap<>();
        env.put("KILN_DATABASE", TestPostgres.freshDatabase().jdbcUrl());
        env.put("KILN_S3", "http://127.0.0.1:" + s3Port + "/kiln");
        env.put("AWS_ACCESS_KEY_ID", storeKey);
        // two secrets come as files (as Docker secrets mount them), so every server these tests start reads both ways
        env.put("AWS_SECRET_ACCESS_KEY_FILE", secretFile(objects, "store-secret", storeSecret));
        env.put("KILN_SECRET_KEY", Base64.getEncoder().encodeToString(key));
        env.put("KILN_ADMIN_TOKEN_FILE", secretFile(objects, "admin-token", admin));
        env.put("KILN_AGENT_TOKEN", agents);
        return new ServerEnvironment(env, admin, agents, storeSecret);
    }

    private static String secretFile(Path objects, String name, String value) throws java.io.IOException {
        Path file = objects.resolveSibling(objects.getFileName() + "-" + name);
        dev.kiln.kit.PrivateFiles.write(file, value + "\n");
        return file.toString();
    }

    /** The same with one more variable. */
    public ServerEnvironment with(String name, String value) {
        Map<String, String> more = new HashMap<>(env);
        more.put(name, value);
        return new ServerEnvironment(more, adminToken, agentToken, storeSecret);
    }
}
