package dev.kiln.kit.engine;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine answers known to be passing races rather than faults, both Podman 4.3's, both about a container whose
 * process is just ending: a call that reads its cgroup ({@code could not find any cgroup in "/proc/N/cgroup"}, for
 * example a list while one is being removed), and a forced removal that finds it mid-stop ({@code container state
 * improper}). Such a call is tried again a few times; any other failure, and these after the last try, reach the
 * caller unchanged.
 */
public final class EngineRace {

    private static final Logger LOG = LoggerFactory.getLogger(EngineRace.class);
    private static final java.util.List<String> RACES =
            java.util.List.of("could not find any cgroup in", "container state improper");
    static final int TRIES = 4;
    private static final Duration PAUSE = Duration.ofMillis(150);

    private EngineRace() {}

    /** Whether {@code e} is one of the engine's passing races. */
    public static boolean isPassingRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (RACES.stream().anyMatch(message::contains)) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code call}, trying again while it fails with a passing race only. */
    public static <T> T retrying(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                if (attempt >= TRIES || !isPassingRace(e)) {
                    throw e;
                }
                LOG.debug("engine race (try {} of {}): {}", attempt, TRIES, e.getMessage());
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
