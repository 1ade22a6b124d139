package dev.kiln.model.buildspec;

import java.util.List;
import java.util.Optional;

/**
 * The {@code batch} section: exactly one of a list, a graph, a matrix or a fan-out.
 *
 * @param fastFail whether one failed task stops the others
 * @param kind which form the batch takes
 * @param tasks the tasks of a list or graph
 * @param matrix the matrix, for {@link Kind#MATRIX}
 * @param fanoutParallelism how many identical builds, for {@link Kind#FANOUT}
 * @param fanoutIgnoreFailure {@code ignore-failure} of a fan-out
 */
public record Batch(
        boolean fastFail,
        Kind kind,
        List<BatchTask> tasks,
        Optional<BatchMatrix> matrix,
        int fanoutParallelism,
        boolean fanoutIgnoreFailure) {

    /** The four batch forms. */
    public enum Kind {
        LIST,
        GRAPH,
        MATRIX,
        FANOUT
    }

    public Batch {
        tasks = List.copyOf(tasks);
    }
}
