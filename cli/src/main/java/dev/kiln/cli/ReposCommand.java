package dev.kiln.cli;

import dev.kiln.model.api.Allowance;
import dev.kiln.model.api.NewRepository;
import dev.kiln.model.api.Removed;
import dev.kiln.model.api.Repository;
import dev.kiln.model.api.RepositoryChange;
import dev.kiln.model.api.RepositoryCredentials;
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
        subcommands = {
            ReposCommand.Add.class,
            ReposCommand.Edit.class,
            ReposCommand.List.class,
            ReposCommand.Remove.class
        })
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

        @Option(
                names = "--allow",
                paramLabel = "privileged",
                description = "Allow its pipelines privileged builds (the agent's container engine, and so its"
                        + " machine); off unless given.",
                converter = AllowanceConverter.class)
        java.util.List<Allowance> allow = new java.util.ArrayList<>();

        @Option(
                names = "--credentials",
                paramLabel = "FILE",
                description = "A private repository's credentials for HTTPS: the token on the first line, or git's"
                        + " username=NAME and password=TOKEN lines; kept sealed, never shown.")
        java.nio.file.@Nullable Path credentialsFile;

        @Option(
                names = "--username",
                paramLabel = "NAME",
                description = "The user name sent with a --credentials file's token (default: git; forges take any"
                        + " name with a token).")
        String username = "git";

        @Override
        public Integer call() {
            String location = url;
            if (!url.contains("://") && !url.matches("[^/]+@[^:]+:.*") && Files.isDirectory(Path.of(url))) {
                location = Path.of(url).toAbsolutePath().normalize().toString();
            }
            RepositoryCredentials credentials = credentialsFile == null ? null : credentials(credentialsFile, username);
            Repository repo = options.client()
                    .addRepository(new NewRepository(
                            location, name, branch, secret, poll, allow.isEmpty() ? null : allow, credentials));
            options.print(repo, () -> {
                System.out.println("added " + repo.name() + " (" + repo.url() + ")");
                System.out.println("pushes from now on run its .kiln/pipeline.yml; polled every "
                        + repo.pollIntervalSeconds() + " s"
                        + (repo.webhook() ? "; webhook: POST /api/v1/webhooks/" + repo.name() : ""));
                allowed(repo);
            });
            return 0;
        }
    }

    /**
     * Credentials from a file: git's {@code username=} and {@code password=} lines, or a token on the first line.
     *
     * @throws ApiCallException when the file cannot be read or holds no token
     */
    static RepositoryCredentials credentials(Path file, String username) {
        java.util.List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (java.io.IOException e) {
            throw new ApiCallException(
                    400,
                    "--credentials " + file + ": cannot read it ("
                            + e.getClass().getSimpleName() + ")");
        }
        String user = username;
        String token = null;
        for (String line : lines) {
            if (line.startsWith("username=")) {
                user = line.substring("username=".length()).strip();
            } else if (line.startsWith("password=")) {
                token = line.substring("password=".length()).strip();
            }
        }
        if (token == null && !lines.isEmpty() && !lines.get(0).contains("=")) {
            token = lines.get(0).strip();
        }
        if (token == null || token.isEmpty() || user.isEmpty()) {
            throw new ApiCallException(
                    400,
                    "--credentials " + file + ": give the token on the first line, or"
                            + " username=NAME and password=TOKEN lines");
        }
        return new RepositoryCredentials(user, token);
    }

    @Command(
            name = "edit",
            mixinStandardHelpOptions = true,
            description = {
                "Change what a repository's pipelines are allowed.",
                "--allow privileged lets them ask for privileged builds; --allow none takes every allowance back."
            })
    static final class Edit implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(
                names = "--allow",
                paramLabel = "privileged|none",
                required = true,
                description = "What its pipelines are allowed (repeat it for more); none for nothing beyond the"
                        + " default.")
        java.util.List<String> allow = new java.util.ArrayList<>();

        @Override
        public Integer call() {
            java.util.List<Allowance> allowances = new java.util.ArrayList<>();
            for (String given : allow) {
                if (!given.equalsIgnoreCase("none")) {
                    allowances.add(new AllowanceConverter().convert(given));
                }
            }
            Repository repo = options.client().editRepository(name, new RepositoryChange(allowances));
            options.print(repo, () -> {
                System.out.println(repo.name() + ": allowed "
                        + (repo.allow().isEmpty()
                                ? "nothing beyond the default"
                                : String.join(
                                        ", ",
                                        repo.allow().stream()
                                                .map(Allowance::wireName)
                                                .toList())));
            });
            return 0;
        }
    }

    private static void allowed(Repository repo) {
        if (repo.allow().contains(Allowance.PRIVILEGED)) {
            System.out.println("its pipelines may ask for privileged builds: their commits control the agents'"
                    + " container engine");
        }
    }

    /** An allowance's name, in any case. */
    static final class AllowanceConverter implements picocli.CommandLine.ITypeConverter<Allowance> {
        @Override
        public Allowance convert(String value) {
            try {
                return Allowance.of(value);
            } catch (RuntimeException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not something a repository can be allowed (privileged)");
            }
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
                System.out.printf(
                        "%-20s %-8s %s%s%n",
                        repo.name(),
                        repo.pollIntervalSeconds() + "s",
                        repo.url(),
                        repo.allow().isEmpty()
                                ? ""
                                : "  allowed: "
                                        + String.join(
                                                ", ",
                                                repo.allow().stream()
                                                        .map(Allowance::wireName)
                                                        .toList()));
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
