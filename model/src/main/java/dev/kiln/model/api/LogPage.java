package dev.kiln.model.api;

import java.util.List;

/**
 * A page of a job's log.
 *
 * @param lines the lines from the one asked for
 * @param next the line number to ask from next
 * @param ended whether the job ended (no more lines will come once this page is read to its end)
 */
public record LogPage(List<String> lines, long next, boolean ended) {}
