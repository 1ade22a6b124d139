package dev.kiln.model.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** An enum whose constants travel as their services' words ({@code InProgress}, {@code webhook}), not as Java names. */
public interface WireName {
    /** The word on the wire, in the database and on screen. */
    @JsonValue
    String wireName();

    /**
     * The constant of {@code type} whose wire name is {@code name} (case as written).
     *
     * @throws UnknownNameException naming the words there are
     */
    static <E extends Enum<E> & WireName> E of(Class<E> type, String name) {
        for (E constant : type.getEnumConstants()) {
            if (constant.wireName().equals(name)) {
                return constant;
            }
        }
        throw new UnknownNameException("'" + name + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(WireName::wireName).collect(Collectors.joining(", ")));
    }
}
