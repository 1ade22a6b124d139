package dev.kiln.model.yaml;

import dev.kiln.model.lint.Problems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Walks one YAML mapping with its dotted key path. Wrong types, unknown keys (with the closest known key) and
 * duplicate keys are recorded in the shared {@link Problems}; accessors then return empty values so the walk can
 * go on and report everything at once. Not thread-safe; one per mapping.
 */
public final class MappingReader {
    private final String path;
    private final Problems problems;
    private final Node node;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private MappingReader(Node node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** A reader of {@code node}; records an error if it is not a mapping, and then reads as empty. */
    public static MappingReader of(Node node, String path, Problems problems) {
        MappingReader reader = new MappingReader(node, path, problems);
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                String key = keyText(tuple.getKeyNode());
                NodeTuple previous = reader.entries.putIfAbsent(key, tuple);
                if (previous != null) {
                    problems.error(
                            YamlDocument.line(tuple.getKeyNode()),
                            YamlDocument.column(tuple.getKeyNode()),
                            reader.child(key),
                            "duplicate key: already set on line " + YamlDocument.line(previous.getKeyNode()));
                }
            }
        } else {
            reader.typeError(node, path, "a mapping of keys to values");
        }
        return reader;
    }

    private static String keyText(Node key) {
        return key instanceof ScalarNode scalar ? scalar.getValue() : "<complex key>";
    }

    /** The dotted path of this mapping. */
    public String path() {
        return path;
    }

    /** The node this reader walks. */
    public Node node() {
        return node;
    }

    /** The problems collector. */
    public Problems problems() {
        return problems;
    }

    /** The keys present, in file order. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    /** The dotted path of a child key. */
    public String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /**
     * Records an error for each key not in {@code known}, suggesting the closest known key.
     *
     * @return whether every key is known
     */
    public boolean allowOnly(String... known) {
        List<String> knownKeys = Arrays.asList(known);
        boolean allKnown = true;
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!knownKeys.contains(e.getKey())) {
                Node keyNode = e.getValue().getKeyNode();
                String hint = Suggestions.closest(e.getKey(), knownKeys)
                        .map(s -> "; did you mean '" + s + "'?")
                        .orElse("; expected one of " + String.join(", ", knownKeys));
                problems.error(
                        YamlDocument.line(keyNode),
                        YamlDocument.column(keyNode),
                        child(e.getKey()),
                        "unknown key" + hint);
                allKnown = false;
            }
        }
        return allKnown;
    }

    /** Whether the node read is a mapping (an error was recorded if not). */
    public boolean isMapping() {
        return node instanceof MappingNode;
    }

    /** Whether the key is present (even with an empty value). */
    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The value node of a key. */
    public Optional<Node> value(String key) {
        return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
    }

    /** The key node of a key, for positions. */
    public Optional<Node> keyNode(String key) {
        return Optional.ofNullable(entries.get(key)).map(NodeTuple::getKeyNode);
    }

    /** 1-based line of the key, or of this mapping when absent. */
    public int line(String key) {
        return keyNode(key).map(YamlDocument::line).orElse(YamlDocument.line(node));
    }

    /** 1-based column of the key, or of this mapping when absent. */
    public int column(String key) {
        return keyNode(key).map(YamlDocument::column).orElse(YamlDocument.column(node));
    }

    /** Records an error at a key. */
    public void error(String key, String message) {
        problems.error(line(key), column(key), child(key), message);
    }

    /** Records a warning at a key. */
    public void warning(String key, String message) {
        problems.warning(line(key), column(key), child(key), message);
    }

    /** Records a missing required key at this mapping's position. */
    public void requireKey(String key, String message) {
        if (!has(key)) {
            problems.error(YamlDocument.line(node), YamlDocument.column(node), child(key), message);
        }
    }

    /** Whether a present key has no value ({@code key:} alone). */
    public boolean isNull(String key) {
        return value(key).map(MappingReader::isNullNode).orElse(false);
    }

    /** A scalar value as text; records an error if the value is a list or mapping. */
    public Optional<String> string(String key) {
        Optional<Node> value = value(key);
        if (value.isEmpty() || isNullNode(value.get())) {
            return Optional.empty();
        }
        if (value.get() instanceof ScalarNode scalar) {
            return Optional.of(scalar.getValue());
        }
        typeError(value.get(), child(key), "a single value");
        return Optional.empty();
    }

    /** A yes/no value ({@code yes}, {@code no}, {@code true}, {@code false}, any case). */
    public Optional<Boolean> bool(String key) {
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        switch (text.get().toLowerCase(Locale.ROOT)) {
            case "yes", "true" -> {
                return Optional.of(true);
            }
            case "no", "false" -> {
                return Optional.of(false);
            }
            default -> {
                error(key, "expected yes or no (or true/false), found '" + text.get() + "'");
                return Optional.empty();
            }
        }
    }

    /** A whole number, checked against a range. */
    public Optional<Integer> integer(String key, int min, int max) {
        Optional<String> text = string(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            int value = Integer.parseInt(text.get().trim());
            if (value < min || value > max) {
                error(key, "must be between " + min + " and " + max + ", found " + value);
                return Optional.empty();
            }
            return Optional.of(value);
        } catch (NumberFormatException e) {
            error(key, "expected a whole number, found '" + text.get() + "'");
            return Optional.empty();
        }
    }

    /** A list of values; a single value is read as a one-element list. Empty items are errors. */
    public List<Located<String>> stringList(String key) {
        Optional<Node> value = value(key);
        if (value.isEmpty() || isNullNode(value.get())) {
            return List.of();
        }
        List<Located<String>> out = new ArrayList<>();
        if (value.get() instanceof ScalarNode scalar) {
            out.add(Located.of(scalar.getValue(), scalar));
            return out;
        }
        if (!(value.get() instanceof SequenceNode sequence)) {
            typeError(value.get(), child(key), "a list of values");
            return out;
        }
        int index = 0;
        for (Node item : sequence.getValue()) {
            String itemPath = child(key) + "[" + index++ + "]";
            if (isNullNode(item)) {
                problems.error(YamlDocument.line(item), YamlDocument.column(item), itemPath, "empty list item");
            } else if (item instanceof ScalarNode scalar) {
                out.add(Located.of(scalar.getValue(), scalar));
            } else if (item instanceof MappingNode mapping) {
                problems.error(
                        YamlDocument.line(item),
                        YamlDocument.column(item),
                        itemPath,
                        "expected a value but found a mapping; a ': ' inside an unquoted value makes YAML read it"
                                + " as a key, so quote the whole item"
                                + mappingHint(mapping));
            } else {
                typeError(item, itemPath, "a single value");
            }
        }
        return out;
    }

    private static String mappingHint(MappingNode mapping) {
        if (mapping.getValue().size() == 1
                && mapping.getValue().get(0).getKeyNode() instanceof ScalarNode k
                && mapping.getValue().get(0).getValueNode() instanceof ScalarNode v) {
            return ": - '" + k.getValue() + ": " + v.getValue() + "'";
        }
        return "";
    }

    /**
     * A mapping of names to scalar values (numbers and booleans are read as their text). Each value is located at
     * its key, where problems with the name are reported.
     */
    public Map<String, Located<String>> stringMap(String key) {
        Map<String, Located<String>> out = new LinkedHashMap<>();
        Optional<Node> value = value(key);
        if (value.isEmpty() || isNullNode(value.get())) {
            return out;
        }
        MappingReader inner = MappingReader.of(value.get(), child(key), problems);
        for (String name : inner.keys()) {
            Node item = inner.value(name).orElseThrow();
            Node keyNode = inner.keyNode(name).orElseThrow();
            if (isNullNode(item)) {
                out.put(name, Located.of("", keyNode));
            } else if (item instanceof ScalarNode scalar) {
                out.put(name, Located.of(scalar.getValue(), keyNode));
            } else {
                inner.typeError(item, inner.child(name), "a single value");
            }
        }
        return out;
    }

    /**
     * The items of a list value, none when absent or empty; records an error naming {@code expected} when the value
     * is something else.
     */
    public List<Node> items(String key, String expected) {
        Optional<Node> value = value(key);
        if (value.isEmpty() || isNullNode(value.get())) {
            return List.of();
        }
        if (value.get() instanceof SequenceNode sequence) {
            return sequence.getValue();
        }
        problems.error(
                YamlDocument.line(value.get()),
                YamlDocument.column(value.get()),
                child(key),
                "expected " + expected + " but found " + describe(value.get()));
        return List.of();
    }

    /** A nested mapping reader; empty (and an error recorded) if the value is not a mapping. */
    public Optional<MappingReader> mapping(String key) {
        Optional<Node> value = value(key);
        if (value.isEmpty() || isNullNode(value.get())) {
            return Optional.empty();
        }
        return Optional.of(MappingReader.of(value.get(), child(key), problems));
    }

    /** Names in a mapping value, in file order, for keyed sections such as {@code reports}. */
    public Set<String> keysOf(String key) {
        return mapping(key)
                .map(m -> (Set<String>) new LinkedHashSet<>(m.keys()))
                .orElse(Set.of());
    }

    /** Whether a node is YAML null ({@code ~}, {@code null} or nothing). */
    public static boolean isNullNode(Node node) {
        return node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag());
    }

    void typeError(Node found, String at, String expected) {
        problems.error(
                YamlDocument.line(found),
                YamlDocument.column(found),
                at,
                "expected " + expected + ", found " + describe(found));
    }

    /** A short description of a node's kind for messages. */
    public static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNullNode(node)) {
            return "nothing";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }
}
