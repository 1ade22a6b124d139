package dev.kiln.agent.cache;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When entries are evicted: any entry not used for {@code maxAge}, then the least recently used ones while the store
 * holds more than {@code maxBytes}.
 *
 * @param maxBytes the most the cache may hold
 * @param maxAge how long an unused entry is kept
 */
public record CachePolicy(long maxBytes, Duration maxAge) {
    /** 10 GiB, 30 days. */
    public static final CachePolicy DEFAULT = new CachePolicy(10L << 30, Duration.ofDays(30));

    private static final Pattern AGE = Pattern.compile("(\\d+)([smhd])");

    public CachePolicy {
        if (maxBytes <= 0 || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("a cache policy needs a positive size and age");
        }
    }

    /** {@code 30d}, {@code 12h}, {@code 90m} or {@code 45s}; empty when malformed. */
    public static Optional<Duration> parseAge(String text) {
        Matcher m = AGE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || m.group(1).length() > 9) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        return n > 0 ? Optional.of(d) : Optional.empty();
    }
}
