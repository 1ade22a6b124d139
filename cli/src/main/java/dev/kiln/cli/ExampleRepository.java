package dev.kiln.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.URIish;

/**
 * {@code kiln up --example NAME}: a project of {@code pipelines-examples/} as a local git repository (a bare
 * "remote" and a clone to commit and push in), made once in the data directory.
 */
final class ExampleRepository {
    private ExampleRepository() {}

    /** Where the examples are: {@code KILN_EXAMPLES}, set by {@code bin/kiln}. */
    static Path examples(Map<String, String> env) {
        return Path.of(env.getOrDefault("KILN_EXAMPLES", "pipelines-examples"));
    }

    /** The example's names: folders holding a {@code .kiln/pipeline.yml}. */
    static String names(Path examples) throws IOException {
        if (!Files.isDirectory(examples)) {
            return "(none found in " + examples + ")";
        }
        try (Stream<Path> dirs = Files.list(examples)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(".kiln/pipeline.yml")))
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .collect(Collectors.joining(", "));
        }
    }

    /**
     * The example's bare repository, made (with its clone at {@code <data>/examples/NAME}) the first time.
     *
     * @throws IllegalArgumentException when there is no such example
     */
    static Path prepare(Path examples, String name, Path data)
            throws IOException, GitAPIException, java.net.URISyntaxException {
        Path source = examples.resolve(name);
        if (!Files.isRegularFile(source.resolve(".kiln/pipeline.yml"))) {
            throw new IllegalArgumentException(
                    "no example " + name + " with a .kiln/pipeline.yml; examples: " + names(examples));
        }
        Path bare = data.resolve("examples").resolve(name + ".git");
        Path clone = data.resolve("examples").resolve(name);
        if (Files.isDirectory(bare.resolve("objects"))) {
            return bare;
        }
        Files.createDirectories(clone);
        copy(source, clone);
        Git.init()
                .setBare(true)
                .setInitialBranch("main")
                .setDirectory(bare.toFile())
                .call()
                .close();
        try (Git git =
                Git.init().setInitialBranch("main").setDirectory(clone.toFile()).call()) {
            git.add().addFilepattern(".").call();
            git.commit()
                    .setMessage("The " + name + " example")
                    .setAuthor("Kiln", "kiln@localhost")
                    .setCommitter("Kiln", "kiln@localhost")
                    .setSign(false)
                    .call();
            git.remoteAdd()
                    .setName("origin")
                    .setUri(new URIish(bare.toUri().toString()))
                    .call();
            git.push().setRemote("origin").add("main").call();
            var config = git.getRepository().getConfig();
            config.setString("branch", "main", "remote", "origin");
            config.setString("branch", "main", "merge", "refs/heads/main");
            config.save();
        }
        return bare;
    }

    /** The clone people commit and push in. */
    static Path clone(Path data, String name) {
        return data.resolve("examples").resolve(name);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String name = dir.getFileName().toString();
                if (!dir.equals(from)
                        && (name.equals("node_modules") || name.equals("target") || name.equals("build"))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
