package dev.kiln.model.buildspec;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * What a phase's failure does to the build ({@code on-failure}).
 *
 * @param mode abort, continue, or retry the phase
 * @param retries for {@link Mode#RETRY}, how many retries after the first attempt (0 to 100)
 * @param pattern for {@link Mode#RETRY}, the failure message or output a retry requires
 */
public record OnFailure(Mode mode, int retries, @Nullable Pattern pattern) {

    /** The three behaviours. */
    public enum Mode {
        /** Stop the build: skip every remaining command phase and artifact upload. */
        ABORT,
        /** Go on to the next phase as if it had succeeded; the build still ends FAILED. */
        CONTINUE,
        /** Run the phase again while the failure matches, up to the retry count. */
        RETRY
    }

    /** Retries when none are given. */
    public static final int DEFAULT_RETRIES = 3;

    /** The largest retry count allowed. */
    public static final int MAX_RETRIES = 100;

    private static final Pattern COUNT = Pattern.compile("\\d+");

    /**
     * Parses {@code ABORT}, {@code CONTINUE}, {@code RETRY}, {@code RETRY-<count>}, {@code RETRY-<regex>} or
     * {@code RETRY-<count>-<regex>}.
     *
     * @throws IllegalArgumentException with a message for the user when the text is none of those
     */
    public static OnFailure parse(String text) {
        switch (text) {
            case "ABORT" -> {
                return new OnFailure(Mode.ABORT, 0, null);
            }
            case "CONTINUE" -> {
                return new OnFailure(Mode.CONTINUE, 0, null);
            }
            case "RETRY" -> {
                return new OnFailure(Mode.RETRY, DEFAULT_RETRIES, Pattern.compile(".*", Pattern.DOTALL));
            }
            default -> {
                // handled below
            }
        }
        if (!text.startsWith("RETRY-") || text.length() == "RETRY-".length()) {
            throw new IllegalArgumentException(
                    "must be ABORT, CONTINUE, RETRY, RETRY-<count>, RETRY-<regex> or RETRY-<count>-<regex>; found '"
                            + text + "'");
        }
        String rest = text.substring("RETRY-".length());
        int dash = rest.indexOf('-');
        String head = dash < 0 ? rest : rest.substring(0, dash);
        int retries = DEFAULT_RETRIES;
        String regex = ".*";
        if (COUNT.matcher(head).matches()) {
            retries = parseCount(head);
            if (dash >= 0) {
                regex = rest.substring(dash + 1);
            }
        } else {
            regex = rest;
        }
        if (regex.isEmpty()) {
            throw new IllegalArgumentException("RETRY-<count>- needs a regular expression after the last '-'");
        }
        try {
            return new OnFailure(Mode.RETRY, retries, Pattern.compile(regex, Pattern.DOTALL));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "the retry pattern '" + regex + "' is not a valid regular expression: " + e.getDescription(), e);
        }
    }

    private static int parseCount(String digits) {
        int count;
        try {
            count = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            count = Integer.MAX_VALUE;
        }
        if (count > MAX_RETRIES) {
            throw new IllegalArgumentException(
                    "the retry count must be between 0 and " + MAX_RETRIES + ", found " + digits);
        }
        return count;
    }

    /** The retry pattern, for {@link Mode#RETRY}. */
    public Optional<Pattern> retryPattern() {
        return Optional.ofNullable(pattern);
    }

    @Override
    public String toString() {
        return mode == Mode.RETRY ? "RETRY-" + retries + (pattern == null ? "" : "-" + pattern.pattern()) : mode.name();
    }
}
