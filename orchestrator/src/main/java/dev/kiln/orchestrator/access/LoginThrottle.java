package dev.kiln.orchestrator.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Slows down password guessing: after {@link #PER_NAME} failed logins for one name from one address, or
 * {@link #PER_ADDRESS} for any names from one address, within {@link #WINDOW}, further logins from there are refused
 * without checking the password (which costs a PBKDF2 hash) until the window ends. A login that succeeds clears its
 * name's count. At most {@link #TRACKED} windows are kept; the oldest go first.
 */
public final class LoginThrottle {
    /** Failed logins for one name from one address before the pause. */
    public static final int PER_NAME = 10;
    /** Failed logins for any names from one address before the pause. */
    public static final int PER_ADDRESS = 100;
    /** How long failures are counted, and how long the pause lasts at most. */
    public static final Duration WINDOW = Duration.ofMinutes(5);

    static final int TRACKED = 10_000;

    /** Failures counted since {@code start}. */
    private record Window(Instant start, int failures) {}

    private final Clock clock;
    private final Map<String, Window> windows = new LinkedHashMap<>();

    /** A throttle on a clock. */
    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Seconds until a login for {@code name} from {@code address} is checked again; empty when it may be now. */
    public synchronized OptionalLong pause(String address, String name) {
        Instant now = clock.instant();
        long wait =
                Math.max(waitFor(byName(address, name), PER_NAME, now), waitFor(byAddress(address), PER_ADDRESS, now));
        return wait > 0 ? OptionalLong.of(wait) : OptionalLong.empty();
    }

    /** Counts a failed login. */
    public synchronized void failed(String address, String name) {
        Instant now = clock.instant();
        count(byName(address, name), now);
        count(byAddress(address), now);
        while (windows.size() > TRACKED) {
            Iterator<Map.Entry<String, Window>> oldest = windows.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** A login that succeeded: its name starts afresh from that address. */
    public synchronized void succeeded(String address, String name) {
        windows.remove(byName(address, name));
    }

    /** How many windows are kept. */
    synchronized int tracked() {
        return windows.size();
    }

    private long waitFor(String key, int allowed, Instant now) {
        Window window = windows.get(key);
        if (window == null || window.failures() < allowed) {
            return 0;
        }
        Instant end = window.start().plus(WINDOW);
        if (!end.isAfter(now)) {
            windows.remove(key);
            return 0;
        }
        return Math.max(1, Duration.between(now, end).toSeconds());
    }

    private void count(String key, Instant now) {
        Window window = windows.remove(key);
        if (window == null || !window.start().plus(WINDOW).isAfter(now)) {
            window = new Window(now, 0);
        }
        // put last, so that the map's order stays oldest first
        windows.put(key, new Window(window.start(), window.failures() + 1));
    }

    private static String byName(String address, String name) {
        return address + " " + name;
    }

    private static String byAddress(String address) {
        return address;
    }
}
