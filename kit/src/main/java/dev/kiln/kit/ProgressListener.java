package dev.kiln.kit;

/** Receives progress of slow preparations (image pulls and builds), one line at a time. */
@FunctionalInterface
public interface ProgressListener {
    /** One line of progress. */
    void progress(String line);

    /** A listener that drops everything. */
    static ProgressListener none() {
        return line -> {};
    }
}
