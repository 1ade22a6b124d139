package dev.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kiln repos add|list|remove}. */
@Command(
        name = "repos",
        mixinStandardHelpOptions = true,
        description = "Register the git repositories whose pushes run pipelines.",
        subcommands = {ReposCommand.Add.class, ReposCommand.List.class, ReposCommand.Remove.class})
final class ReposCommand implements Runnable {
    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = {
                "Register a repository: any URL git reads (https, ssh, file://) or a local path.",
                "Its pushes run the pipeline in its .kiln/pipeline.yml, through a webhook or by polling."
            })
    static final class Add implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(paramLabel = "GIT_URL", description = "The repository.")
        String url;

        @Option(names = "--name", description = "Its name (default: the URL's last part, without .git).")
        String name;

        @Option(names = "--branch", description = "The branch manual starts run (default: the remote's main).")
        String branch;

        @Option(
                names = "--webhook-secret",
                paramLabel = "SECRET",
                description = "The secret its webhooks are signed" + " with; deliveries go to /api/v1/webhooks/NAME.")
        String secret;

        @Option(
                names = "--poll-interval",
                paramLabel = "SECONDS",
                description = "How often it is polled; 0 for" + " never (default: the server's, 60).")
        Integer poll;

        @Override
        public Integer call() {
            String location = url;
            if (!url.contains("://") && !url.matches("[^/]+@[^:]+:.*") && Files.isDirectory(Path.of(url))) {
                location = Path.of(url).toAbsolutePath().normalize().toString();
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("url", location);
            body.put("name", name);
            body.put("branch", branch);
            body.put("webhookSecret", secret);
            body.put("pollIntervalSeconds", poll);
            JsonNode repo = options.client().post("/api/v1/repositories", body);
            options.print(repo, () -> {
                System.out.println("added " + repo.path("name").asText() + " ("
                        + repo.path("url").asText() + ")");
                System.out.println("pushes from now on run its " + ".kiln/pipeline.yml; polled every "
                        + repo.path("pollIntervalSeconds").asInt() + " s"
                        + (repo.path("webhook").asBoolean()
                                ? "; webhook: POST /api/v1/webhooks/"
                                        + repo.path("name").asText()
                                : ""));
            });
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the repositories.")
    static final class List implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Override
        public Integer call() {
            JsonNode repos = options.client().get("/api/v1/repositories");
            if (options.json()) {
                ClientOptions.printJson(repos);
                return 0;
            }
            if (repos.isEmpty()) {
                System.out.println("no repositories; add one with kiln repos add GIT_URL");
            }
            for (JsonNode repo : repos) {
                System.out.printf(
                        "%-20s %-8s %s%n",
                        repo.path("name").asText(),
                        repo.path("pollIntervalSeconds").asInt() + "s",
                        repo.path("url").asText());
            }
            return 0;
        }
    }

    @Command(
            name = "remove",
            mixinStandardHelpOptions = true,
            description = "Unregister a repository (its runs" + " stay).")
    static final class Remove implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            JsonNode answer = options.client().delete("/api/v1/repositories/" + name);
            options.print(answer, () -> {
                System.out.println("removed " + name);
            });
            return 0;
        }
    }
}
