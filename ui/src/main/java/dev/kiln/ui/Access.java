package dev.kiln.ui;

/** Who reads the page and what they may do. */
public final class Access {
    private Access() {}

    /** Whether the reader may start, stop, retry and approve. */
    public static boolean mayOperate() {
        return true;
    }
}
