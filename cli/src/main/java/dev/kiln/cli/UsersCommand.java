package dev.kiln.cli;

import dev.kiln.model.api.NewUser;
import dev.kiln.model.api.Removed;
import dev.kiln.model.api.Role;
import dev.kiln.model.api.UnknownNameException;
import dev.kiln.model.api.User;
import dev.kiln.orchestrator.access.Passwords;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kiln users add|list|remove}: who may log in to the web UI, and with which role. */
@Command(
        name = "users",
        mixinStandardHelpOptions = true,
        description = {
            "Manage the users who log in to the web UI and the API (admins only).",
            "Roles: viewer (reads), operator (also starts, stops, retries, approves), admin (also repositories,"
                    + " environments, users)."
        },
        subcommands = {UsersCommand.Add.class, UsersCommand.List.class, UsersCommand.Remove.class})
final class UsersCommand implements Runnable {
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
                "Add a user. The password is read from standard input with --password-stdin;",
                "without it one is made at random and printed once."
            })
    static final class Add implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(paramLabel = "NAME", description = "The login name.")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "viewer, operator or admin.")
        String role;

        @Option(names = "--password-stdin", description = "Read the password (one line) from standard input.")
        boolean passwordStdin;

        @Override
        public Integer call() {
            String password = passwordStdin ? readLine() : Passwords.generate();
            Role chosen;
            try {
                chosen = Role.of(role);
            } catch (UnknownNameException e) {
                throw new ApiCallException(400, "--role " + e.getMessage());
            }
            User user = options.client().addUser(new NewUser(name, password, chosen));
            options.print(user, () -> {
                System.out.println("added " + user.name() + " as " + user.role().wireName());
                if (!passwordStdin) {
                    System.out.println("password: " + password + " (shown once; give it to " + name + ")");
                }
            });
            return 0;
        }

        private static String readLine() {
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                return line == null ? "" : line;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the password from standard input", e);
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users and their roles.")
    static final class List implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Override
        public Integer call() {
            java.util.List<User> users = options.client().users();
            if (options.json()) {
                ClientOptions.printJson(users);
                return 0;
            }
            for (User user : users) {
                System.out.printf(
                        "%-24s %-9s added %s%n", user.name(), user.role().wireName(), user.createdAt());
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user; its logins end.")
    static final class Remove implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            Removed answer = options.client().removeUser(name);
            options.print(answer, () -> System.out.println("removed " + name));
            return 0;
        }
    }
}
