package dev.kiln.cli;

import dev.kiln.client.KilnClient;
import dev.kiln.kit.logging.KilnLogging;
import dev.kiln.kit.remote.ServerConfig;
import dev.kiln.ui.UiServer;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kiln ui}: the web UI on its own, in front of an orchestrator's API. */
@Command(
        name = "ui",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the web UI for an orchestrator (kiln up serves one itself).",
            "People log in as themselves and the UI calls the orchestrator's REST API with their login, as any",
            "client does; the token given (any role) is only what it follows the orchestrator's changes with."
        })
final class UiCommand implements Callable<Integer> {
    private static final org.slf4j.Logger SAY = KilnLogging.events("kiln ui");

    @Option(
            names = "--server",
            paramLabel = "URL",
            description = "The orchestrator (default: KILN_SERVER, then ~/.kiln/config); several, comma-separated, for"
                    + " orchestrators sharing a database (the UI uses the one that leads).")
    @Nullable
    String server;

    @Option(
            names = "--token",
            paramLabel = "TOKEN",
            description = "An API token to follow changes with (default: KILN_TOKEN, then ~/.kiln/config).")
    @Nullable
    String token;

    @Option(names = "--host", description = "The address to listen on (default 127.0.0.1).")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "The UI's port (default 8081; 0 for any free one).")
    int port = 8081;

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config =
                ServerConfig.resolve(Optional.ofNullable(server), Optional.ofNullable(token), System.getenv());
        UiServer ui = UiServer.start(host, port, new KilnClient(config.server(), config.token()));
        CountDownLatch down = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ui.close();
            dev.kiln.kit.logging.KilnLogging.flush();
            down.countDown();
        }));
        SAY.info(ui.url() + " (for the orchestrator at " + config.server() + ")");
        down.await();
        return 0;
    }
}
