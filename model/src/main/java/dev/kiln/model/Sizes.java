package dev.kiln.model;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as people write them in options: {@code 500m}, {@code 10g}, {@code 2048k}, {@code 1t} or bytes. */
public final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+)([kmgt]?)i?b?");

    private Sizes() {}

    /** The size in bytes (k, m, g, t are powers of 1,024; MB and MiB alike); empty when malformed or not positive. */
    public static Optional<Long> parse(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        int shift = "_kmgt".indexOf(m.group(2).isEmpty() ? "_" : m.group(2)) * 10;
        try {
            long n = Long.parseLong(m.group(1));
            return n > 0 && n < (Long.MAX_VALUE >> shift) ? Optional.of(n << shift) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A size for people: {@code 100 MiB}, {@code 3.5 GiB}, {@code 512 B}. */
    public static String show(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return (value == Math.rint(value)
                        ? String.format(Locale.ROOT, "%.0f", value)
                        : String.format(Locale.ROOT, "%.1f", value))
                + " " + units[unit];
    }
}
