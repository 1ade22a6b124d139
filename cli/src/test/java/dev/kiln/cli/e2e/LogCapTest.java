package dev.kiln.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.testing.AgentProcess;
import dev.kiln.cli.testing.Api;
import dev.kiln.cli.testing.GitRemote;
import dev.kiln.cli.testing.Runs;
import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.model.api.Job;
import dev.kiln.model.api.LogPage;
import dev.kiln.model.api.Run;
import dev.kiln.model.job.JobSpec;
import dev.kiln.orchestrator.server.KilnServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build that prints more than its log may hold: the build goes on and succeeds, the log keeps what fits, says when
 * the cap was reached, and ends with one line counting the lines dropped, so that kept and dropped add up to what was
 * printed. An agent that sends past the cap anyway is refused.
 */
class LogCapTest {
    private static final long CAP = 64 * 1024;
    private static final int PRINTED = 20_000;
    private static final Pattern DROPPED = Pattern.compile(
            "\\[Kiln\\] (\\d+) line\\(s\\) \\(.*\\) printed past this log's cap of 64 KiB were dropped");

    @TempDir
    Path dir;

    @Test
    void lines_past_the_cap_are_dropped_and_counted_while_the_build_goes_on() throws Exception {
        try (KilnServer server = Runs.server(dir.resolve("data"), CAP)) {
            String token = server.newToken("test");
            Api api = new Api(server.url(), token);
            GitRemote remote = Runs.polledRepository(api, dir, "chatty");
            try (AgentProcess agent = AgentProcess.start(server.url(), token, dir.resolve("agent.log"))) {
                String commit = remote.write(".kiln/pipeline.yml", """
                                version: 1
                                stages:
                                  - name: build
                                    actions:
                                      - name: chatter
                                        type: build
                                        buildspec:
                                          version: 0.2
                                          phases:
                                            build:
                                              commands:
                                                - seq -f 'printed line %g' 1 PRINTED
                                                - echo after the flood
                                """.replace("PRINTED", Integer.toString(PRINTED)))
                        .commitAndPush("a chatty build");
                Run run = Runs.endedRun(api, commit, Duration.ofSeconds(90));
                assertThat(run.status()).as(run.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);

                Job job = api.get("/api/v1/runs/" + run.id() + "/jobs").as(Job[].class)[0];
                List<String> lines = new ArrayList<>();
                long from = 0;
                while (true) {
                    LogPage page = api.get("/api/v1/jobs/" + job.id() + "/log?from=" + from)
                            .as(LogPage.class);
                    if (page.lines().isEmpty()) {
                        break;
                    }
                    lines.addAll(page.lines());
                    from = page.next();
                }
                long kept = lines.stream()
                        .filter(l -> l.startsWith("printed line "))
                        .count();
                Matcher counted = DROPPED.matcher(lines.get(lines.size() - 1));
                assertThat(counted.matches())
                        .as("the last line counts what was dropped: %s", lines.get(lines.size() - 1))
                        .isTrue();
                assertThat(lines).anyMatch(l -> l.startsWith("[Kiln] this log reached its cap of 64 KiB"));
                assertThat(lines).noneMatch(l -> l.equals("after the flood"));
                long dropped = Long.parseLong(counted.group(1));
                assertThat(kept).isPositive().isLessThan(PRINTED);
                assertThat(kept + dropped)
                        .as("every printed line is kept or counted (besides the build's own lines)")
                        .isGreaterThanOrEqualTo(PRINTED + 1L);
                long chars = lines.stream().mapToLong(l -> l.length() + 1).sum();
                assertThat(chars).isLessThan(CAP + 1024);
                assertThat(agent.log()).exists();
            }
        }
    }

    @Test
    void an_agent_that_sends_past_the_cap_is_refused() throws Exception {
        try (KilnServer server = Runs.server(dir.resolve("data"), CAP)) {
            String token = server.newToken("test");
            Api api = new Api(server.url(), token);
            GitRemote remote = Runs.polledRepository(api, dir, "pushy");
            remote.write(".kiln/pipeline.yml", LostAgentTest.LONG).commitAndPush("a pipeline");
            JobSpec job = LostAgentTest.leaseByHand(api, "pushy");
            String wide = "x".repeat(1024 * 1024);
            java.util.Map<String, String> agent = java.util.Map.of("X-Kiln-Agent", "pushy");
            int status = 200;
            long line = 0;
            // within the cap and its slack (room for the counting line and a batch in flight), then past it
            for (int i = 0; i < 8 && status == 200; i++) {
                String batch = "{\"firstLine\": " + line + ", \"lines\": [\"" + wide + "\"]}";
                status = api.send("POST", "/api/v1/jobs/" + job.jobId() + "/log", batch, agent)
                        .status();
                line++;
            }
            assertThat(status).isEqualTo(413);
            assertThat(line).as("refused past the cap's slack, not before").isGreaterThan(3);
        }
    }
}
