package dev.kiln.kit.logging;

import ch.qos.logback.classic.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a process's environment asks of its logs: {@code KILN_LOG_FORMAT} ({@code text}, the default, or
 * {@code json}) and {@code KILN_LOG_LEVEL} for libraries and Kiln's classes ({@code warn} by default). Values it
 * cannot use are kept as problems, said once logging works, and the defaults are used instead.
 */
public record LogSettings(boolean json, Level level, List<String> problems) {
    /** The variable naming the format. */
    public static final String FORMAT = "KILN_LOG_FORMAT";

    /** The variable naming the level. */
    public static final String LEVEL = "KILN_LOG_LEVEL";

    private static final List<String> LEVELS = List.of("error", "warn", "info", "debug", "trace");

    public LogSettings {
        problems = List.copyOf(problems);
    }

    /** The settings {@code env} asks for. */
    public static LogSettings from(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String format = env.getOrDefault(FORMAT, "text").strip().toLowerCase(Locale.ROOT);
        boolean json = format.equals("json");
        if (!json && !format.equals("text") && !format.isEmpty()) {
            problems.add(FORMAT + "=" + env.get(FORMAT) + " is not a log format: set text or json (logging text)");
        }
        String levelName = env.getOrDefault(LEVEL, "warn").strip().toLowerCase(Locale.ROOT);
        Level level = Level.WARN;
        if (LEVELS.contains(levelName)) {
            level = Level.toLevel(levelName);
        } else if (!levelName.isEmpty()) {
            problems.add(LEVEL + "=" + env.get(LEVEL) + " is not a log level: set one of " + String.join(", ", LEVELS)
                    + " (logging at warn)");
        }
        return new LogSettings(json, level, problems);
    }

    /**
     * The level of Kiln's own events (loggers under {@code kiln}): info, or the settings' level when that says
     * more.
     */
    public Level eventLevel() {
        return level.isGreaterOrEqual(Level.INFO) ? Level.INFO : level;
    }
}
