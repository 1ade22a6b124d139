package dev.kiln.ui;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Durations as people read them: {@code 850 ms}, {@code 3.2 s}, {@code 4 min 5 s}, {@code 2 h 10 min}. */
public final class Durations {
    private Durations() {}

    /** The duration in words; empty for null. */
    public static String text(@Nullable Duration d) {
        if (d == null) {
            return "";
        }
        long ms = Math.max(0, d.toMillis());
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s / 3600 + " h " + s % 3600 / 60 + " min";
    }
}
