package dev.kiln.model.yaml;

import dev.kiln.model.lint.Problems;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/** Composes YAML text into a node tree that keeps positions. Stateless. */
public final class YamlDocument {
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

    /** 1-based line of a node's start. */
    public static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
    }

    /** 1-based column of a node's start. */
    public static int column(Node node) {
        return node.getStartMark().map(m -> m.getColumn() + 1).orElse(1);
    }
}
