package dev.kiln.kit.remote;

import dev.kiln.kit.KitException;
import dev.kiln.kit.PrivateFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the orchestrator is and the token to call it with: flags first, then {@code KILN_SERVER} and
 * {@code KILN_TOKEN}, then the config file {@code kiln up} writes ({@code ~/.kiln/config}, or {@code KILN_CONFIG}).
 *
 * @param server the orchestrator's base URL
 * @param token an API token
 */
public record ServerConfig(String server, String token) {

    @Override
    public String toString() {
        return "ServerConfig[server=" + server + "]";
    }

    /** The config file's path. */
    public static Path file(Map<String, String> env) {
        String explicit = env.get("KILN_CONFIG");
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit);
        }
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".kiln", "config");
    }

    /**
     * The server and token to use.
     *
     * @throws KitException saying what is missing and how to give it
     */
    public static ServerConfig resolve(Optional<String> server, Optional<String> token, Map<String, String> given) {
        Map<String, String> env = dev.kiln.kit.SecretFiles.resolve(given);
        Path file = file(env);
        Properties saved = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                saved.load(in);
            } catch (IOException e) {
                throw new KitException("cannot read " + file + ": " + e.getMessage());
            }
        }
        String url = server.or(() -> Optional.ofNullable(env.get("KILN_SERVER")))
                .or(() -> Optional.ofNullable(saved.getProperty("server")))
                .orElseThrow(() -> new KitException("no orchestrator to talk to: start one with kiln up, or give"
                        + " --server URL (or KILN_SERVER)"));
        String secret = token.or(() -> Optional.ofNullable(env.get("KILN_TOKEN")))
                .or(() -> Optional.ofNullable(saved.getProperty("token")))
                .orElseThrow(() -> new KitException(
                        "no API token: set KILN_TOKEN or give --token-file FILE; kiln up writes one to " + file));
        return new ServerConfig(url.replaceAll("/+$", ""), secret);
    }

    /**
     * The token in a file ({@code --token-file}): its first line, without spaces around it; empty when no file is
     * given. A token in a file, or in {@code KILN_TOKEN}, stays out of the process list, where {@code --token} shows.
     *
     * @throws KitException when the file cannot be read or holds no token
     */
    public static Optional<String> tokenFile(@org.jspecify.annotations.Nullable Path file) {
        if (file == null) {
            return Optional.empty();
        }
        try {
            String token = Files.readString(file).lines().findFirst().orElse("").strip();
            if (token.isEmpty()) {
                throw new KitException("--token-file " + file + " holds no token on its first line");
            }
            return Optional.of(token);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new KitException("cannot read --token-file " + file + ": there is no such file");
        } catch (IOException e) {
            throw new KitException("cannot read --token-file " + file + ": " + e.getMessage());
        }
    }

    /** Writes it to a config file readable by its owner only. */
    public void write(Path file) {
        try {
            Properties props = new Properties();
            props.setProperty("server", server);
            props.setProperty("token", token);
            StringWriter text = new StringWriter();
            props.store(text, "Kiln: the orchestrator this machine's kiln commands talk to");
            PrivateFiles.write(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
