package dev.kiln.cli.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition until it holds, or fails the test saying what did not happen. */
public final class Waits {
    private Waits() {}

    /** The first non-null value {@code probe} gives within {@code timeout}. */
    public static <T> T until(Duration timeout, String what, Supplier<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            try {
                T value = probe.get();
                if (value != null) {
                    return value;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what, last);
    }
}
