package dev.kiln.cli;

import dev.kiln.model.api.NewRepository;
import dev.kiln.model.api.Removed;
import dev.kiln.model.api.Repository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
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
        @Nullable
        String name;

        @Option(names = "--branch", description = "The branch manual starts run (default: the remote's main).")
        @Nullable
        String branch;

        @Option(
                names = "--webhook-secret",
                paramLabel = "SECRET",
                description = "The secret its webhooks are signed" + " with; deliveries go to /api/v1/webhooks/NAME.")
        @Nullable
        String secret;

        @Option(
                names = "--poll-interval",
                paramLabel = "SECONDS",
                description = "How often it is polled; 0 for" + " never (default: the server's, 60).")
        @Nullable
        Integer poll;

        @Override
        public Integer call() {
            String location = url;
            if (!url.contains("://") && !url.matches("[^/]+@[^:]+:.*") && Files.isDirectory(Path.of(url))) {
                location = Path.of(url).toAbsolutePath().normalize().toString();
            }
            Repository repo = options.client().addRepository(new NewRepository(location, name, branch, secret, poll));
            options.print(repo, () -> {
                System.out.println("added " + repo.name() + " (" + repo.url() + ")");
                System.out.println("pushes from now on run its .kiln/pipeline.yml; polled every "
                        + repo.pollIntervalSeconds() + " s"
                        + (repo.webhook() ? "; webhook: POST /api/v1/webhooks/" + repo.name() : ""));
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
            java.util.List<Repository> repos = options.client().repositories();
            if (options.json()) {
                ClientOptions.printJson(repos);
                return 0;
            }
            if (repos.isEmpty()) {
                System.out.println("no repositories; add one with kiln repos add GIT_URL");
            }
            for (Repository repo : repos) {
                System.out.printf("%-20s %-8s %s%n", repo.name(), repo.pollIntervalSeconds() + "s", repo.url());
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
            Removed answer = options.client().removeRepository(name);
            options.print(answer, () -> {
                System.out.println("removed " + name);
            });
            return 0;
        }
    }
}
