package dev.kiln.model.yaml;

import org.snakeyaml.engine.v2.nodes.Node;

/**
 * A value with the position it was read from.
 *
 * @param value the value
 * @param line 1-based line
 * @param column 1-based column
 * @param <T> the value's type
 */
public record Located<T>(T value, int line, int column) {

    /** A value located at a node's start. */
    public static <T> Located<T> of(T value, Node node) {
        return new Located<>(value, YamlDocument.line(node), YamlDocument.column(node));
    }
}
