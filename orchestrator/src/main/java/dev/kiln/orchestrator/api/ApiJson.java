package dev.kiln.orchestrator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/** JSON in and out of the API; bad bodies become {@link BadRequestException}s naming the field. */
final class ApiJson {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ApiJson() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T read(Buffer body, Class<T> type) {
        if (body == null || body.length() == 0) {
            throw new BadRequestException("the request needs a JSON body");
        }
        try {
            T value = MAPPER.readValue(body.getBytes(), type);
            if (value == null) {
                throw new BadRequestException("the request needs a JSON object");
            }
            return value;
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty()
                    ? "body"
                    : e.getPath().get(e.getPath().size() - 1).getFieldName();
            throw new BadRequestException("field " + field + ": " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new BadRequestException("the body is not JSON: " + e.getMessage());
        }
    }

    static JsonNode tree(Buffer body) {
        if (body == null || body.length() == 0) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode node = MAPPER.readTree(body.getBytes());
            if (node == null || !node.isObject()) {
                throw new BadRequestException("the body must be a JSON object");
            }
            return node;
        } catch (java.io.IOException e) {
            throw new BadRequestException("the body is not JSON: " + e.getMessage());
        }
    }

    /** A required string field. */
    static String string(JsonNode body, String field) {
        return optionalString(body, field)
                .orElseThrow(() -> new BadRequestException("field " + field + " is required"));
    }

    /** An optional string field. */
    static Optional<String> optionalString(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new BadRequestException("field " + field + " must be a non-empty string");
        }
        return Optional.of(node.asText());
    }

    /** An optional boolean field, false when left out. */
    static boolean bool(JsonNode body, String field) {
        return bool(body, field, false);
    }

    /** An optional boolean field. */
    static boolean bool(JsonNode body, String field, boolean fallback) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw new BadRequestException("field " + field + " must be true or false");
        }
        return node.asBoolean();
    }

    /** An optional integer field. */
    static Optional<Integer> integer(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isInt()) {
            throw new BadRequestException("field " + field + " must be a whole number");
        }
        return Optional.of(node.asInt());
    }
}
