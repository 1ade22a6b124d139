package dev.kiln.orchestrator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.core.buffer.Buffer;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

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
        } catch (MismatchedInputException | ValueInstantiationException e) {
            throw new BadRequestException(mismatch(e));
        } catch (JsonProcessingException e) {
            throw new BadRequestException(notJson(e));
        } catch (java.io.IOException e) {
            throw new BadRequestException("the body could not be read");
        }
    }

    /**
     * What is wrong with a field, in the API's terms: the JSON it expected, never the Java type it would have made
     * (a client cannot act on {@code dev.kiln...} or {@code java.lang.String}).
     */
    static String mismatch(JsonMappingException e) {
        String field = e.getPath().isEmpty()
                ? "body"
                : e.getPath().stream()
                        .map(p -> p.getFieldName() != null ? p.getFieldName() : "[" + p.getIndex() + "]")
                        .collect(Collectors.joining("."))
                        .replace(".[", "[");
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "field " + unknown.getPropertyName() + " is not one of this body's fields ("
                    + unknown.getKnownPropertyIds().stream()
                            .map(Object::toString)
                            .sorted()
                            .collect(Collectors.joining(", "))
                    + ")";
        }
        Throwable cause = e.getCause();
        if (cause != null
                && cause.getMessage() != null
                && cause.getClass().getPackageName().startsWith("dev.kiln.")) {
            // the model's own check, such as an unknown status word: its message is written for the client
            return "field " + field + ": " + cause.getMessage();
        }
        Class<?> type = e instanceof MismatchedInputException m
                ? m.getTargetType()
                : e instanceof ValueInstantiationException v ? v.getType().getRawClass() : null;
        return (e.getPath().isEmpty() ? "the body" : "field " + field) + ": expected " + expected(type);
    }

    private static String expected(@Nullable Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (TemporalAccessor.class.isAssignableFrom(type)) {
            return "a date and time such as 2026-01-31T12:00:00Z";
        }
        if (type.isEnum()) {
            return "one of the words the API documents for it";
        }
        return "an object";
    }

    /** Why a body is not JSON and where, without the parser's internals. */
    static String notJson(JsonProcessingException e) {
        return dev.kiln.orchestrator.JsonErrors.notJson(e);
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
        } catch (JsonProcessingException e) {
            throw new BadRequestException(notJson(e));
        } catch (java.io.IOException e) {
            throw new BadRequestException("the body could not be read");
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
