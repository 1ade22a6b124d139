package dev.kiln.deploy.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Runs a command for a test and fails with its output when it fails. */
public final class Processes {
    private Processes() {}

    /** Runs and returns the output. */
    public static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
