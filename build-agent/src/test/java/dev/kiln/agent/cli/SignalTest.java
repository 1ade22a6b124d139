package dev.kiln.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.kiln.agent.testing.Engines;
import dev.kiln.kit.engine.EngineRace;
import dev.kiln.kit.engine.Labels;
import dev.kiln.kit.testing.TestImages;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM (what Ctrl-C's SIGINT also triggers) to a real `kiln build` process. */
@Tag("docker")
class SignalTest {
    @TempDir
    Path work;

    @Test
    void sigterm_stops_the_build_with_exit_5_and_removes_its_container() throws Exception {
        DockerClient client = Engines.docker().engine().client();
        Path src = Files.createDirectories(work.resolve("src"));
        Files.writeString(
                src.resolve("buildspec.yml"),
                "version: 0.2\nphases:\n  build:\n    commands:\n      - echo started\n      - sleep 60\n");
        Process kiln = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        KilnCli.class.getName(),
                        "build",
                        "--source",
                        src.toString(),
                        "--image",
                        TestImages.BUSYBOX,
                        "--project",
                        "signal-test")
                .redirectErrorStream(true)
                .start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(kiln.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.equals("started")) {
                    kiln.toHandle().destroy(); // SIGTERM, streams left open
                }
            }
        }

        assertThat(kiln.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(kiln.exitValue()).as(String.join("\n", lines)).isEqualTo(5);
        assertThat(lines).anyMatch(l -> l.contains("Phase complete: BUILD State: STOPPED"));
        assertThat(lines).anyMatch(l -> l.startsWith("Build STOPPED"));
        assertThat(EngineRace.retrying(() -> client.listContainersCmd()
                                .withShowAll(true)
                                .withLabelFilter(Map.of(Labels.KILN, "true"))
                                .exec())
                        .stream()
                        .filter(c ->
                                c.getLabels().getOrDefault(Labels.BUILD_ID, "").startsWith("signal-test:")))
                .isEmpty();
    }
}
