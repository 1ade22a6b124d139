package dev.kiln.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

/** The JSON files users hand to {@code kiln build}: secrets, git and registry logins. */
public final class JsonFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonFiles() {}

    /**
     * Reads a file that must hold one JSON object. Errors name the file and the kind of error, never its content.
     *
     * @param what what the file is, for messages ({@code the secrets file})
     * @param shape what the object maps, for messages ({@code names to values})
     * @param failure makes the caller's exception from a message
     */
    public static JsonNode readObject(
            Path file, String what, String shape, Function<String, ? extends KitException> failure) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw failure.apply("cannot read " + what + " " + file + ": "
                    + e.getClass().getSimpleName() + " (it must be a JSON object of " + shape + ")");
        }
        if (root == null || !root.isObject()) {
            throw failure.apply(what + " " + file + " must hold a JSON object of " + shape);
        }
        return root;
    }
}
