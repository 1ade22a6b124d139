package dev.kiln.model.yaml;

import dev.kiln.model.lint.Problems;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/** Composes YAML text into a node tree that keeps positions. Stateless. */
public final class YamlDocument {
    /** How deep mappings and lists may nest: far deeper than any pipeline file, buildspec or appspec needs. */
    public static final int MAX_DEPTH = 100;

    private YamlDocument() {}

    /**
     * Composes the first document of {@code text}. A syntax error is recorded in {@code problems} with its position
     * and yields an empty result; so does an empty document (reported as such).
     */
    public static Optional<Node> compose(String text, Problems problems) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(problems.file())
                .setAllowDuplicateKeys(true) // reported by MappingReader, with both positions
                .setMaxAliasesForCollections(50)
                .setCodePointLimit(8 * 1024 * 1024)
                .build();
        try {
            Optional<Position> tooDeep = deeperThanAllowed(text, settings);
            if (tooDeep.isPresent()) {
                problems.error(
                        tooDeep.get().line(),
                        tooDeep.get().column(),
                        "",
                        "mappings and lists nest more than " + MAX_DEPTH + " deep here; no Kiln file needs that many"
                                + " levels: flatten it");
                return Optional.empty();
            }
            Optional<Node> root = new Compose(settings).composeString(text);
            if (root.isEmpty()) {
                problems.error(1, 1, "", "the file is empty: it needs at least a 'version'");
            }
            return root;
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            int line = mark.map(m -> m.getLine() + 1).orElse(1);
            int column = mark.map(m -> m.getColumn() + 1).orElse(1);
            String what = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            problems.error(line, column, "", "invalid YAML: " + what + context);
            return Optional.empty();
        } catch (YamlEngineException e) {
            problems.error(1, 1, "", "invalid YAML: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** A 1-based place in the text. */
    private record Position(int line, int column) {}

    /**
     * Where the first mapping or list deeper than {@link #MAX_DEPTH} starts, found with the parser's events (which
     * keep no stack of their own) before the composer, which recurses once per level, would overflow the thread's
     * stack on it.
     */
    private static Optional<Position> deeperThanAllowed(String text, LoadSettings settings) {
        int depth = 0;
        for (Event event : new Parse(settings).parseString(text)) {
            Event.ID id = event.getEventId();
            if (id == Event.ID.MappingStart || id == Event.ID.SequenceStart) {
                depth++;
                if (depth > MAX_DEPTH) {
                    return Optional.of(event.getStartMark()
                            .map(m -> new Position(m.getLine() + 1, m.getColumn() + 1))
                            .orElse(new Position(1, 1)));
                }
            } else if (id == Event.ID.MappingEnd || id == Event.ID.SequenceEnd) {
                depth--;
            } else if (id == Event.ID.DocumentEnd) {
                // only the first document is composed
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** 1-based line of a node's start. */
    public static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
    }

    /** 1-based column of a node's start. */
    public static int column(Node node) {
        return node.getStartMark().map(m -> m.getColumn() + 1).orElse(1);
    }
}
