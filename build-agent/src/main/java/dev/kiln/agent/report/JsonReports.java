package dev.kiln.agent.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;

/** JSON report files (Cucumber, SimpleCov). */
final class JsonReports {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonReports() {}

    /** The file's JSON, or an exception saying it is not JSON; never null. */
    static JsonNode read(InputStream in, String file) throws IOException {
        try {
            JsonNode root = JSON.readTree(in);
            if (root == null) {
                throw new IOException(file + " is empty");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
