package dev.kiln.cli;

import dev.kiln.client.KilnClient;
import dev.kiln.kit.remote.ServerConfig;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --server}, {@code --token} and {@code --output}, shared by every command that calls the API. */
final class ClientOptions {
    @Option(
            names = "--server",
            paramLabel = "URL",
            description = "The orchestrator (default: KILN_SERVER, then" + " ~/.kiln/config).")
    @Nullable
    String server;

    @Option(
            names = "--token",
            paramLabel = "TOKEN",
            description = "An API token (default: KILN_TOKEN, then ~/.kiln/config); other users see it in the process"
                    + " list: prefer KILN_TOKEN or --token-file.")
    @Nullable
    String token;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "A file whose first line is the API token (kept out of the process list, as KILN_TOKEN is).")
    java.nio.file.@Nullable Path tokenFile;

    @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json.")
    String output = "text";

    KilnClient client() {
        ServerConfig config = ServerConfig.resolve(
                Optional.ofNullable(server),
                Optional.ofNullable(token).or(() -> ServerConfig.tokenFile(tokenFile)),
                System.getenv());
        return new KilnClient(config.server(), config.token());
    }

    boolean json() {
        if (!output.equals("json") && !output.equals("text")) {
            throw new ApiCallException(400, "--output must be text or json");
        }
        return output.equals("json");
    }

    /** Prints an answer as JSON with --output json, else as {@code text} puts it. */
    void print(Object data, Runnable text) {
        if (json()) {
            printJson(data);
        } else {
            text.run();
        }
    }

    /** Prints an answer as JSON (for --output json), as the API wrote it. */
    static void printJson(Object answer) {
        System.out.println(KilnClient.toJson(answer));
    }
}
