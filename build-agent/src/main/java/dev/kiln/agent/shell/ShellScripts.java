package dev.kiln.agent.shell;

import dev.kiln.agent.AgentException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The driver and wrapper scripts, with the state directory filled in. */
public final class ShellScripts {
    private static final String DRIVER = load("driver.sh");
    private static final String WRAPPER = load("wrapper.sh");

    private ShellScripts() {}

    private static String load(String name) {
        try (InputStream in = ShellScripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new AgentException("missing resource " + name + " in the build agent's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AgentException("cannot read resource " + name, e);
        }
    }

    /** The driver script: run as {@code sh -c DRIVER kiln STATE_DIR NONCE OOM_CHECK}. */
    public static String driver() {
        return DRIVER;
    }

    /** The wrapper script for a state directory, which must be a plain path (no quotes or spaces). */
    public static String wrapper(String stateDir) {
        if (!stateDir.matches("[A-Za-z0-9_./-]+")) {
            throw new AgentException("state directory must be a plain path, got " + stateDir);
        }
        return WRAPPER.replace("@STATE@", stateDir);
    }
}
