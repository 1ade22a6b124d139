package dev.kiln.cli.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The orchestrator's published contract, {@code openapi.yaml}, read from its jar: the routes it describes, and the
 * schema of each answer, checked by a JSON Schema validator in OpenAPI 3.0's dialect. Object schemas that list
 * their properties are read as closed ({@code additionalProperties: false} unless they say otherwise), so a field
 * the server sends but the document does not name fails the check.
 */
public final class OpenApiDocument {
    private static final String LOCATION = "https://kiln.invalid/api/v1/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private OpenApiDocument(JsonNode document) {
        this.document = document;
        String text;
        try {
            text = JSON.writeValueAsString(closed(document.deepCopy()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.factory = JsonSchemaFactory.getInstance(
                SpecVersion.VersionFlag.V4,
                builder -> builder.metaSchema(OpenApi30.getInstance())
                        .defaultMetaSchemaIri(OpenApi30.getInstance().getIri())
                        .schemaLoaders(loaders -> loaders.schemas(Map.of(LOCATION, text))));
    }

    /** The document the orchestrator serves at {@code /api/v1/openapi.yaml}. */
    public static OpenApiDocument published() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is not on the class path (the orchestrator's jar)");
            }
            return new OpenApiDocument(new YAMLMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every operation it describes, as {@code METHOD /path} with {@code {name}} parameters, below the server URL. */
    public TreeSet<String> operations() {
        TreeSet<String> operations = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (List.of("get", "put", "post", "delete", "patch").contains(operation.getKey())) {
                    operations.add(operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        return operations;
    }

    /** The schema it gives for an answer's JSON body, if it gives one. */
    public Optional<JsonSchema> answer(String method, String path, int status) {
        String pointer =
                "/paths/" + escape(path) + "/" + method.toLowerCase(java.util.Locale.ROOT) + "/responses/" + status;
        JsonNode response = document.at(pointer);
        if (response.has("$ref")) { // a shared answer: #/components/responses/NAME
            pointer = response.path("$ref").asText().substring(1);
            response = document.at(pointer);
        }
        if (response.path("content").path("application/json").path("schema").isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(factory.getSchema(
                SchemaLocation.of(LOCATION + "#" + pointer + "/content/application~1json/schema"), config));
    }

    /** What is wrong with an answer, one line a problem; empty when it matches its schema. */
    public static List<String> problems(JsonSchema schema, JsonNode body) {
        List<String> problems = new ArrayList<>();
        for (ValidationMessage message : schema.validate(body)) {
            problems.add(message.getMessage());
        }
        return problems;
    }

    private static String escape(String path) {
        return path.replace("~", "~0").replace("/", "~1");
    }

    /** Closes every object schema that lists properties and says nothing of others. */
    private static JsonNode closed(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            if (object.has("properties")
                    && object.path("properties").isObject()
                    && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            for (Iterator<JsonNode> children = object.elements(); children.hasNext(); ) {
                closed(children.next());
            }
        } else if (node.isArray()) {
            node.forEach(OpenApiDocument::closed);
        }
        return node;
    }
}
