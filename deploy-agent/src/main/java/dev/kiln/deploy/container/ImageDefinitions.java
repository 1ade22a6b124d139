package dev.kiln.deploy.container;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.deploy.revision.InvalidRevisionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/** Reads {@code imagedefinitions.json} from a revision: {@code [{"name": ..., "imageUri": ...}]}. */
public final class ImageDefinitions {
    /** The file's name, as CodePipeline's container deploy expects it by default. */
    public static final String FILE = "imagedefinitions.json";

    /** CodePipeline's limit on the file. */
    static final int MAX_BYTES = 100 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageDefinitions() {}

    /**
     * The definitions in a revision archive: the file at its root, or in its one top folder.
     *
     * @throws InvalidRevisionException saying what is missing or wrong, and where
     */
    public static List<ImageDefinition> read(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Optional<? extends ZipEntry> entry = file.stream()
                    .filter(e -> !e.isDirectory())
                    .filter(e -> e.getName().equals(FILE) || e.getName().matches("[^/]+/" + FILE.replace(".", "\\.")))
                    .min(Comparator.comparingInt(e -> e.getName().length()));
            if (entry.isEmpty()) {
                throw new InvalidRevisionException(FILE + ": not in the revision. A container deployment reads"
                        + " [{\"name\": CONTAINER, \"imageUri\": IMAGE}] from it: write it in the build (post_build)"
                        + " and list it in the buildspec's artifacts files");
            }
            if (entry.get().getSize() > MAX_BYTES) {
                throw new InvalidRevisionException(FILE + ": " + entry.get().getSize() + " bytes, over the " + MAX_BYTES
                        + " bytes a definitions file may hold");
            }
            byte[] bytes = file.getInputStream(entry.get()).readNBytes(MAX_BYTES + 1);
            return parse(new String(bytes, StandardCharsets.UTF_8), entry.get().getName());
        } catch (ZipException e) {
            throw new InvalidRevisionException("the revision is not a readable zip archive: " + e.getMessage());
        }
    }

    /**
     * Parses the file's text; every problem is listed at once, each with its line.
     *
     * @throws InvalidRevisionException naming the file, line and key of each problem
     */
    public static List<ImageDefinition> parse(String text, String fileName) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidRevisionException(
                    fileName + (at == null ? "" : ":" + at.getLineNr()) + ": not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new InvalidRevisionException(fileName + ":1: expected a list of"
                    + " {\"name\": CONTAINER, \"imageUri\": IMAGE}, with at least one entry");
        }
        List<String> problems = new ArrayList<>();
        List<ImageDefinition> out = new ArrayList<>();
        List<Integer> lines = elementLines(text);
        for (int i = 0; i < root.size(); i++) {
            JsonNode item = root.get(i);
            String where = fileName + ":" + (i < lines.size() ? lines.get(i) : 1) + ": entry " + (i + 1);
            if (!item.isObject()) {
                problems.add(where + ": expected {\"name\": ..., \"imageUri\": ...}");
                continue;
            }
            String name = text(item, "name");
            String image = text(item, "imageUri");
            if (name.isEmpty()) {
                problems.add(where + ": key 'name' is missing or empty");
            } else if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}")) {
                problems.add(where + ": key 'name': '" + name
                        + "' is not a container name (letters, digits, _ . -; up to 63)");
            }
            if (image.isEmpty()) {
                problems.add(where + ": key 'imageUri' is missing or empty");
            } else if (image.matches(".*\\s.*")) {
                problems.add(where + ": key 'imageUri': '" + image + "' holds a space");
            }
            if (out.stream().anyMatch(d -> d.name().equals(name))) {
                problems.add(where + ": key 'name': '" + name + "' is listed twice");
            }
            out.add(new ImageDefinition(name, image));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRevisionException(String.join("\n", problems));
        }
        return List.copyOf(out);
    }

    private static String text(JsonNode item, String key) {
        JsonNode value = item.get(key);
        return value == null || !value.isTextual() ? "" : value.asText().strip();
    }

    /** The line where each element of the top list opens (1-based), in order. */
    private static List<Integer> elementLines(String text) {
        List<Integer> out = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(text)) {
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (depth == 1) {
                    out.add(parser.currentTokenLocation().getLineNr());
                }
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                }
            }
        } catch (IOException e) {
            // already read once: cannot fail here
        }
        return out;
    }
}
