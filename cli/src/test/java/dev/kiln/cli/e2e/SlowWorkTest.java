package dev.kiln.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.testing.Api;
import dev.kiln.cli.testing.Runs;
import dev.kiln.model.api.Login;
import dev.kiln.orchestrator.server.KilnServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One slow thing does not stall everyone: while a git remote takes connections and never answers (its fetch holds a
 * git thread until its timeout), logins, which hash on threads of their own, and other calls are answered.
 */
class SlowWorkTest {
    @TempDir
    Path dir;

    @Test
    void a_git_remote_that_never_answers_does_not_hold_up_logins() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        try (KilnServer server = Runs.server(dir.resolve("data"))) {
            Thread taker = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept()); // taken, and never answered
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            taker.setDaemon(true);
            taker.start();
            String password = server.firstAdmin().orElseThrow();
            Api api = new Api(server.url(), server.newToken("test"));
            Api open = new Api(server.url(), null);
            CompletableFuture<Api.Answer> adding = CompletableFuture.supplyAsync(() -> api.post(
                    "/api/v1/repositories",
                    "{\"url\": \"http://127.0.0.1:" + silent.getLocalPort() + "/stuck.git\", \"name\": \"stuck\"}"));
            while (held.isEmpty() && !adding.isDone()) {
                Thread.sleep(50); // until the fetch has connected and waits
            }

            Api.Answer login = CompletableFuture.supplyAsync(() ->
                            open.post("/api/v1/sessions", "{\"name\": \"admin\", \"password\": \"" + password + "\"}"))
                    .get(30, TimeUnit.SECONDS);

            assertThat(adding)
                    .as("the fetch is still waiting on the silent remote")
                    .isNotDone();
            assertThat(login.status()).isEqualTo(201);
            assertThat(login.as(Login.class).name()).isEqualTo("admin");
            assertThat(api.get("/api/v1/runs").status()).isEqualTo(200);
            silent.close();
            for (Socket socket : held) {
                socket.close();
            }
            // the fetch ends with its connection closed, or at the latest with its 60 s timeout
            assertThat(adding.get(90, TimeUnit.SECONDS).status()).isBetween(400, 599);
        } finally {
            silent.close();
        }
    }
}
