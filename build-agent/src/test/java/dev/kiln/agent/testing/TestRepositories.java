package dev.kiln.agent.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;

/** Git repositories for tests, made with JGit. */
public final class TestRepositories {
    private TestRepositories() {}

    /**
     * A bare repository at {@code bare} whose branch {@code main} has one commit holding {@code file}, tagged
     * {@code v1}; its work tree is made beside it.
     *
     * @return the bare repository's directory
     */
    public static Path bare(Path bare, String file, String content) throws Exception {
        Path dir = bare.resolveSibling(bare.getFileName() + "-work");
        try (Git git =
                Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Files.writeString(dir.resolve(file), content);
            git.add().addFilepattern(".").call();
            git.commit()
                    .setMessage("one")
                    .setAuthor("T", "t@example.invalid")
                    .setSign(false)
                    .call();
            git.tag().setName("v1").call();
        }
        Git.cloneRepository()
                .setURI(dir.toUri().toString())
                .setDirectory(bare.toFile())
                .setBare(true)
                .call()
                .close();
        return bare;
    }
}
