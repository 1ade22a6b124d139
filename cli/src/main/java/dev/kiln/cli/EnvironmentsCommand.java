package dev.kiln.cli;

import dev.kiln.model.api.Environment;
import dev.kiln.model.api.NewEnvironment;
import dev.kiln.model.api.Removed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kiln environments add|list|show|remove}. */
@Command(
        name = "environments",
        mixinStandardHelpOptions = true,
        description = "Add, list, show and remove environments: the hosts deploy actions ship to.",
        subcommands = {
            EnvironmentsCommand.Add.class,
            EnvironmentsCommand.List.class,
            EnvironmentsCommand.Show.class,
            EnvironmentsCommand.Remove.class
        })
final class EnvironmentsCommand implements Runnable {
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
                "Add an environment, named as deploy actions name it (environment: NAME): SSH hosts (--ssh, --key)"
                        + " or a container engine (--docker).",
                "The private key and container variables are stored encrypted and never printed. Host keys are"
                        + " checked: give them with --known-hosts (ssh-keyscan HOST > FILE), or trust them on first"
                        + " use."
            })
    static final class Add implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(paramLabel = "NAME", description = "The environment's name (dev, prod, ...).")
        String name;

        @Option(
                names = "--ssh",
                arity = "1..*",
                paramLabel = "USER@HOST[:PORT]",
                description = "Its hosts, in the order they are deployed.")
        java.util.List<String> hosts = new ArrayList<>();

        @Option(names = "--key", paramLabel = "FILE", description = "The private key to log in with (SSH hosts).")
        @Nullable
        Path key;

        @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts lines with the hosts' keys.")
        @Nullable
        Path knownHosts;

        @Option(
                names = "--trust-on-first-use",
                description = "Trust a host's key the first time it is seen, and record it.")
        boolean trustOnFirstUse;

        @Option(
                names = "--config",
                paramLabel = "NAME",
                description = "OneAtATime (default), HalfAtATime or AllAtOnce.")
        @Nullable
        String config;

        @Option(
                names = "--min-healthy",
                paramLabel = "N|N%",
                description = "A custom minimum of healthy hosts, instead of --config.")
        @Nullable
        String minHealthy;

        @Option(
                names = "--health-url",
                paramLabel = "URL",
                description = "Must answer 2xx, asked from each host, after ValidateService.")
        @Nullable
        String healthUrl;

        @Option(
                names = "--health-timeout",
                paramLabel = "SECONDS",
                description = "How long the health URL may take (default 60).")
        @Nullable
        Integer healthTimeout;

        @Option(names = "--root", paramLabel = "DIR", description = "Where hosts keep releases (default ~/kiln/NAME).")
        @Nullable
        String root;

        @Option(names = "--keep", paramLabel = "N", description = "Releases each host keeps (default 5).")
        @Nullable
        Integer keep;

        @Option(names = "--no-auto-rollback", description = "Leave failed deployments as they are.")
        boolean noRollback;

        @Option(
                names = "--docker",
                paramLabel = "ENGINE_URL",
                description = "A container environment on this engine (unix:///var/run/docker.sock,"
                        + " unix:///run/podman/podman.sock, tcp://HOST:2375), deployed from imagedefinitions.json.")
        @Nullable
        String docker;

        @Option(
                names = "--container",
                paramLabel = "NAME",
                description = "Which container of imagedefinitions.json it runs, when the file lists several.")
        @Nullable
        String container;

        @Option(
                names = {"-p", "--port"},
                paramLabel = "[IP:]HOST:CONTAINER",
                description = "A port the container publishes, as docker run -p takes it; a fixed host port means"
                        + " the old container stops before the new one starts. Repeatable.")
        java.util.List<String> ports = new ArrayList<>();

        @Option(
                names = {"-e", "--env"},
                paramLabel = "NAME=VALUE",
                description = "A variable for the container (stored encrypted, never shown). Repeatable.")
        Map<String, String> env = new LinkedHashMap<>();

        @Option(
                names = {"-v", "--volume"},
                paramLabel = "SOURCE:/TARGET[:ro]",
                description = "A volume or bind mount for the container. Repeatable.")
        java.util.List<String> volumes = new ArrayList<>();

        @Option(names = "--network", paramLabel = "NAME", description = "The network the container joins.")
        @Nullable
        String network;

        @Option(
                names = {"-l", "--label"},
                paramLabel = "KEY=VALUE",
                description = "A label of your own on the container. Repeatable.")
        Map<String, String> labels = new LinkedHashMap<>();

        @Override
        public Integer call() throws IOException {
            String privateKey = null;
            String knownHostsText = null;
            if (docker != null) {
                if (!hosts.isEmpty() || key != null) {
                    throw new ApiCallException(400, "--docker is a container environment: leave out --ssh and --key");
                }
            } else if (hosts.isEmpty() || key == null) {
                throw new ApiCallException(
                        400, "give --ssh USER@HOST... and --key FILE for SSH hosts, or --docker ENGINE_URL");
            } else if (!Files.isReadable(key)) {
                throw new ApiCallException(400, "--key " + key + ": no such readable file");
            } else {
                privateKey = Files.readString(key, StandardCharsets.UTF_8);
            }
            if (knownHosts != null) {
                if (!Files.isReadable(knownHosts)) {
                    throw new ApiCallException(400, "--known-hosts " + knownHosts + ": no such readable file");
                }
                knownHostsText = Files.readString(knownHosts, StandardCharsets.UTF_8);
            }
            boolean container = docker != null;
            Environment added = options.client()
                    .addEnvironment(new NewEnvironment(
                            name,
                            container ? null : hosts,
                            privateKey,
                            knownHostsText,
                            trustOnFirstUse,
                            config,
                            minHealthy,
                            healthUrl,
                            healthTimeout,
                            root,
                            keep,
                            !noRollback,
                            docker,
                            container ? this.container : null,
                            container ? ports : null,
                            container ? env : null,
                            container ? volumes : null,
                            container ? network : null,
                            container ? labels : null));
            options.print(added, () -> System.out.println("added " + EnvironmentText.line(added)));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Environments and what runs there.")
    static final class List implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Override
        public Integer call() {
            java.util.List<Environment> all = options.client().environments();
            options.print(all, () -> {
                if (all.isEmpty()) {
                    System.out.println("no environments; add one with 'kiln environments add NAME --ssh USER@HOST"
                            + " --key FILE'");
                }
                all.forEach(e -> System.out.println(EnvironmentText.line(e)));
            });
            return 0;
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "An environment: settings, live revision, recent deployments.")
    static final class Show implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            Environment env = options.client().environment(name);
            options.print(env, () -> EnvironmentText.show(env).forEach(System.out::println));
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an environment (history stays).")
    static final class Remove implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            Removed answer = options.client().removeEnvironment(name);
            options.print(answer, () -> System.out.println("removed " + name));
            return 0;
        }
    }
}
