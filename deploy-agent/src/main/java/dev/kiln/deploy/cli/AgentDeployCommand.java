package dev.kiln.deploy.cli;

import dev.kiln.deploy.remote.DeployJobs;
import dev.kiln.kit.KitException;
import dev.kiln.kit.cli.CommandLines;
import dev.kiln.kit.engine.RegistryCredentials;
import dev.kiln.kit.remote.AgentConnection;
import dev.kiln.kit.remote.ServerConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kiln agent deploy}: a deploy agent leasing deploy jobs from an orchestrator. */
@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        description = {
            "Take deploy jobs from a Kiln orchestrator and ship each revision to its environment: to hosts over SSH, or"
                    + " as a container on an engine.",
            "The server and token come from the flags, else KILN_SERVER and KILN_TOKEN, else ~/.kiln/config."
        })
public final class AgentDeployCommand implements Callable<Integer> {
    @Mixin
    private @Nullable AgentConnection connection;

    @Option(
            names = "--max-jobs",
            paramLabel = "N",
            description = "How many deployments it runs at once, to different environments (default 2).")
    private int maxJobs = 2;

    @Option(
            names = "--image-pull-credentials",
            paramLabel = "FILE",
            description = "Logins for the registries container environments pull from: Docker's config.json, or a"
                    + " JSON object of registry hosts to {\"username\": ..., \"password\": ...} (default:"
                    + " ~/.docker/config.json, if there is one).")
    private @Nullable Path pullCredentials;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        if (maxJobs < 1 || maxJobs > 64) {
            err.println("kiln agent deploy: --max-jobs must be from 1 to 64");
            return CommandLines.EXIT_INVALID;
        }
        ServerConfig config;
        try {
            config = Objects.requireNonNull(connection, "picocli sets the connection options")
                    .config(System.getenv());
        } catch (KitException e) {
            err.println("kiln agent deploy: " + e.getMessage());
            return CommandLines.EXIT_INVALID;
        }
        RegistryCredentials logins;
        try {
            logins = pullCredentials != null
                    ? RegistryCredentials.read(pullCredentials)
                    : RegistryCredentials.dockerLogin(Path.of(System.getProperty("user.home")));
        } catch (KitException e) {
            err.println("kiln agent deploy: " + e.getMessage());
            return CommandLines.EXIT_INVALID;
        }
        connection.serve(
                config,
                maxJobs,
                new DeployJobs(Files.createTempDirectory("kiln-deploy-"), logins),
                "kiln agent deploy");
        return 0;
    }
}
