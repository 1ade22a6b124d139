package dev.kiln.deploy.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A key pair made with {@code ssh-keygen}, as a user would make one for an environment.
 *
 * @param privateKey the private key, OpenSSH format
 * @param publicKey the public key line
 */
public record ClientKey(String privateKey, String publicKey) {
    /** Makes a key of {@code type} ({@code ed25519}, {@code rsa}, ...) in {@code dir}. */
    public static ClientKey make(Path dir, String type) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path file = dir.resolve("id_" + type);
        Files.deleteIfExists(file);
        Files.deleteIfExists(Path.of(file + ".pub"));
        Processes.run("ssh-keygen", "-q", "-t", type, "-N", "", "-C", "kiln-test", "-f", file.toString());
        return new ClientKey(Files.readString(file), Files.readString(Path.of(file + ".pub")));
    }
}
