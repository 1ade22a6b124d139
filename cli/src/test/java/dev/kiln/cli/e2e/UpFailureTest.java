package dev.kiln.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.KilnMain;
import dev.kiln.cli.testing.UpProcess;
import dev.kiln.cli.testing.Waits;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@code kiln up} that cannot finish starting says why in one line and leaves nothing of itself running. */
class UpFailureTest {
    @TempDir
    Path dir;

    @Test
    void a_taken_ui_port_ends_the_start_with_a_clear_error_and_stops_the_agents_and_stores_it_started()
            throws Exception {
        Path data = dir.resolve("data");
        Path log = dir.resolve("up.log");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ProcessBuilder builder = new ProcessBuilder(KilnMain.command(
                            "up",
                            "--port",
                            Integer.toString(UpProcess.freePort()),
                            "--data",
                            data.toString(),
                            "--agents",
                            "1",
                            "--ui-port",
                            Integer.toString(taken.getLocalPort())))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("KILN_CONFIG", dir.resolve("config").toString());
            Process up = builder.start();
            assertThat(up.waitFor(3, TimeUnit.MINUTES)).as("kiln up ends").isTrue();
            String said = Files.readString(log);
            assertThat(up.exitValue()).as(said).isEqualTo(1);
            assertThat(said)
                    .contains("the web UI's port " + taken.getLocalPort() + " on 127.0.0.1 is taken by another program;"
                            + " pass --ui-port with another")
                    .doesNotContain("\tat ")
                    .doesNotContain("Exception");
        }
        // its local agents, its PostgreSQL and anything else naming its data directory are gone
        Waits.until(
                Duration.ofSeconds(30),
                "every process kiln up started to end",
                () -> ProcessHandle.allProcesses()
                                .filter(p -> p.info().commandLine().orElse("").contains(data.toString()))
                                .findAny()
                                .isEmpty()
                        ? true
                        : null);
    }
}
