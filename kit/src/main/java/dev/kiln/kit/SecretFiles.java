package dev.kiln.kit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Secrets given as files: for each of Kiln's secret variables, {@code NAME_FILE=/path} stands for {@code NAME} with
 * the file's text (its trailing line break dropped), as container images do with Docker secrets. A secret in a file
 * is not in the process's environment, where {@code docker inspect} and {@code /proc/PID/environ} show it.
 */
public final class SecretFiles {
    /** The variables that may come from files. */
    public static final List<String> SECRETS = List.of(
            "KILN_TOKEN",
            "KILN_ADMIN_TOKEN",
            "KILN_AGENT_TOKEN",
            "KILN_DEPLOY_AGENT_TOKEN",
            "KILN_UI_TOKEN",
            "KILN_ADMIN_PASSWORD",
            "KILN_SECRET_KEY",
            "KILN_DATABASE",
            "KILN_DATABASE_PASSWORD",
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY");

    private SecretFiles() {}

    /**
     * The environment with each {@code NAME_FILE} read into {@code NAME}.
     *
     * @throws KitException when a file cannot be read, or a secret is given both ways
     */
    public static Map<String, String> resolve(Map<String, String> env) {
        Map<String, String> out = new HashMap<>(env);
        for (String name : SECRETS) {
            String file = env.get(name + "_FILE");
            if (file == null || file.isEmpty()) {
                continue;
            }
            if (env.get(name) != null && !env.get(name).isEmpty()) {
                throw new KitException(name + " and " + name + "_FILE are both set: give the secret one way");
            }
            try {
                out.put(name, Files.readString(Path.of(file)).replaceAll("[\r\n]+$", ""));
            } catch (NoSuchFileException e) {
                throw new KitException(name + "_FILE names " + file + ", which does not exist");
            } catch (IOException e) {
                throw new KitException(name + "_FILE names " + file + ", which cannot be read: " + e.getMessage());
            }
        }
        return out;
    }
}
