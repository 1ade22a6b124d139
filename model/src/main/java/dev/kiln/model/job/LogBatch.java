package dev.kiln.model.job;

import java.util.List;

/**
 * Consecutive log lines of a job; a batch sent again with the same first line is stored once.
 *
 * @param firstLine the number of its first line, from 0
 * @param lines the lines, without line ends
 */
public record LogBatch(long firstLine, List<String> lines) {
    public LogBatch {
        lines = List.copyOf(lines);
    }
}
