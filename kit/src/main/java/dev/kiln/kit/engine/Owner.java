package dev.kiln.kit.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Who created a container: this host's name and a process's identity. */
public final class Owner {
    private Owner() {}

    public static String host() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    public static long started(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /**
     * Whether the container's creator is known to be gone: it was created on this host by a process that no longer
     * runs (or whose pid now belongs to a process started at another time). Containers of other hosts are never
     * judged gone.
     */
    public static boolean isGone(Map<String, String> labels) {
        if (!host().equals(labels.get(Labels.OWNER_HOST))) {
            return false;
        }
        long pid;
        long started;
        try {
            pid = Long.parseLong(labels.getOrDefault(Labels.OWNER_PID, ""));
            started = Long.parseLong(labels.getOrDefault(Labels.OWNER_STARTED, "0"));
        } catch (NumberFormatException e) {
            return true;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        long actual = started(process.get());
        // start times are rounded differently by different readers; a second of slack is ample
        return started != 0 && actual != 0 && Math.abs(actual - started) > 1000;
    }
}
