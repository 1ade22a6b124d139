package dev.kiln.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.kit.remote.ServerConfig;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --server}, {@code --token} and {@code --output}, shared by every command that calls the API. */
final class ClientOptions {
    @Option(
            names = "--server",
            paramLabel = "URL",
            description = "The orchestrator (default: KILN_SERVER, then" + " ~/.kiln/config).")
    String server;

    @Option(
            names = "--token",
            paramLabel = "TOKEN",
            description = "An API token (default: KILN_TOKEN, then" + " ~/.kiln/config).")
    String token;

    @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json.")
    String output = "text";

    ApiClient client() {
        return new ApiClient(
                ServerConfig.resolve(Optional.ofNullable(server), Optional.ofNullable(token), System.getenv()));
    }

    boolean json() {
        if (!output.equals("json") && !output.equals("text")) {
            throw new ApiCallException(400, "--output must be text or json");
        }
        return output.equals("json");
    }

    /** Prints data as JSON with --output json, else as {@code text} puts it. */
    void print(JsonNode data, Runnable text) {
        if (json()) {
            printJson(data);
        } else {
            text.run();
        }
    }

    /** Prints data as JSON (for --output json). */
    static void printJson(JsonNode node) {
        try {
            System.out.println(ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
