package dev.kiln.orchestrator.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Where every {@link LogArchive#INDEX_EVERY}th line of an archived log starts, in bytes: entry k is line k × 1000. Kept
 * beside the log as text, one offset a line, so a page anywhere in the log is read from its nearest entry.
 */
final class LogIndex {
    private final StringBuilder text = new StringBuilder();
    private long lines;
    private long bytes;

    /** The next line, {@code length} bytes with its line end. */
    void line(int length) {
        if (lines % LogArchive.INDEX_EVERY == 0) {
            text.append(bytes).append('\n');
        }
        lines++;
        bytes += length;
    }

    String text() {
        return text.toString();
    }

    /** The offsets of an index's text; an unreadable one is no index. */
    static List<Long> parse(String text) {
        List<Long> offsets = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                offsets.add(Long.parseLong(line.strip()));
            } catch (NumberFormatException e) {
                return List.of();
            }
        }
        return offsets;
    }
}
