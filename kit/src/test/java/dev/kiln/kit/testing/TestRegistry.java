package dev.kiln.kit.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code docker-registry} on {@link TestImages#REGISTRY} (plain HTTP on loopback), its data in a test's
 * folder; closing it stops it.
 */
public final class TestRegistry implements AutoCloseable {
    private final Process process;
    private final HostLock port;

    private TestRegistry(Process process, HostLock port) {
        this.process = process;
        this.port = port;
    }

    /** A registry anyone may pull from and push to. */
    public static TestRegistry start(Path work) throws IOException, InterruptedException {
        return start(work, "");
    }

    /** A registry with extra configuration ({@code auth:} ...). */
    public static TestRegistry start(Path work, String extraConfig) throws IOException, InterruptedException {
        // the port is fixed (the engine is told it may pull from it over plain HTTP): one registry at a time
        HostLock port = HostLock.acquire("registry");
        try {
            return start(work, extraConfig, port);
        } catch (IOException | InterruptedException | RuntimeException e) {
            port.close();
            throw e;
        }
    }

    private static TestRegistry start(Path work, String extraConfig, HostLock port)
            throws IOException, InterruptedException {
        Files.createDirectories(work);
        // an earlier registry still shutting down would answer for this one
        awaitPortFree(Duration.ofSeconds(15));
        Path config = work.resolve("registry.yml");
        Files.writeString(
                config,
                "version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: " + work.resolve("data")
                        + "\nhttp:\n  addr: " + TestImages.REGISTRY + "\n" + extraConfig);
        Process registry = new ProcessBuilder("docker-registry", "serve", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("registry.log").toFile())
                .start();
        for (int i = 0; i < 100; i++) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://" + TestImages.REGISTRY + "/v2/")
                        .toURL()
                        .openConnection();
                c.setConnectTimeout(200);
                if ((c.getResponseCode() == 200 || c.getResponseCode() == 401) && registry.isAlive()) {
                    // a test JVM that ends without closing it (a failed setup, a stopped run) takes it along
                    Runtime.getRuntime().addShutdownHook(new Thread(registry::destroyForcibly));
                    return new TestRegistry(registry, port);
                }
            } catch (IOException e) {
                // not up yet
            }
            if (!registry.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        registry.destroy();
        throw new IllegalStateException(
                "the test registry did not start: " + Files.readString(work.resolve("registry.log")));
    }

    /** Pushes an image through the engine, with a login or none. */
    public static void push(DockerClient client, String repository, String tag, AuthConfig login)
            throws InterruptedException {
        var command = client.pushImageCmd(repository).withTag(tag);
        if (login != null) {
            command = command.withAuthConfig(login);
        }
        command.exec(new ResultCallback.Adapter<PushResponseItem>() {
                    @Override
                    public void onNext(PushResponseItem item) {
                        if (item.getErrorDetail() != null) {
                            throw new IllegalStateException(
                                    item.getErrorDetail().getMessage());
                        }
                    }
                })
                .awaitCompletion(2, TimeUnit.MINUTES);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            awaitPortFree(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            port.close();
        }
    }

    private static void awaitPortFree(Duration timeout) throws InterruptedException {
        String[] hostPort = TestImages.REGISTRY.split(":");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 200);
            } catch (IOException free) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(
                TestImages.REGISTRY + " is still taken (a leftover docker-registry process?" + " see ss -ltnp)");
    }
}
