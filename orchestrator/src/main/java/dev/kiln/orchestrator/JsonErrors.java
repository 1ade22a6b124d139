package dev.kiln.orchestrator;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/** Why a body is not JSON and where, in JSON's terms: never the parser's class names or internals. */
public final class JsonErrors {
    private JsonErrors() {}

    /** {@code the body is not JSON: REASON (line L, column C)}. */
    public static String notJson(JsonProcessingException e) {
        String reason;
        if (e instanceof StreamConstraintsException) {
            // the parser's limits (nesting depth, number and string lengths) name its own settings: say it plainly
            String text = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            reason = text.contains("nesting depth")
                    ? "it nests arrays and objects too deep"
                    : "a number, string or name in it is too long";
        } else {
            reason = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            reason = reason.replaceAll("(?s)\\s*\\(start marker at .*", "")
                    .replaceAll("(?s)\\[Source:.*?]", "")
                    .lines()
                    .findFirst()
                    .orElse("")
                    .strip();
        }
        JsonLocation at = e.getLocation();
        return "the body is not JSON"
                + (reason.isEmpty() ? "" : ": " + reason)
                + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
    }
}
