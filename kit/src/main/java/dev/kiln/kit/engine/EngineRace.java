package dev.kiln.kit.engine;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one engine answer known to be a passing race rather than a fault: Podman 4.3 fails a call that reads the cgroup
 * of a container process that has just ended ({@code could not find any cgroup in "/proc/N/cgroup"}), for example
 * when listing containers while one is being removed. Such a call is tried again a few times; any other failure,
 * and this one after the last try, reaches the caller unchanged.
 */
public final class EngineRace {

    private static final Logger LOG = LoggerFactory.getLogger(EngineRace.class);
    private static final String CGROUP_RACE = "could not find any cgroup in";
    static final int TRIES = 4;
    private static final Duration PAUSE = Duration.ofMillis(150);

    private EngineRace() {}

    /** Whether {@code e} is Podman's passing cgroup race. */
    public static boolean isCgroupRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains(CGROUP_RACE)) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code call}, trying again while it fails with the cgroup race only. */
    public static <T> T retrying(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                if (attempt >= TRIES || !isCgroupRace(e)) {
                    throw e;
                }
                LOG.debug("engine cgroup race (try {} of {}): {}", attempt, TRIES, e.getMessage());
                try {
                    Thread.sleep(PAUSE.toMillis() * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
