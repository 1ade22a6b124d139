package dev.kiln.orchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.model.pipeline.Pipeline;
import dev.kiln.model.pipeline.PipelineParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CodePipeline's run rules, one by one, on the contract's pipeline and smaller ones. */
class PipelineExecutorTest {
    private static final String CONTRACT = """
            version: 1
            stages:
              - name: build
                actions:
                  - {name: compile, type: build, outputs: [app]}
                  - {name: lint, type: test}
                  - {name: package, type: build, run-order: 2, inputs: [app]}
              - name: deploy-dev
                actions:
                  - {name: ship, type: deploy, environment: dev, inputs: [app]}
              - name: approve
                actions:
                  - {name: release, type: approval, timeout-minutes: 60}
              - name: deploy-prod
                actions:
                  - {name: ship, type: deploy, environment: prod, inputs: [app]}
            """;

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-23T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final TestClock clock = new TestClock();

    private PipelineExecutor executor(String text, String mode) {
        Pipeline pipeline = PipelineParser.parse("pipeline.yml", text.replace("version: 1", "version: 1\n" + mode))
                .pipeline()
                .orElseThrow();
        return new PipelineExecutor(pipeline, clock);
    }

    private static List<String> names(List<Dispatch> dispatches) {
        return dispatches.stream()
                .map(d -> d.runId() + ":" + d.stage() + "/" + d.action())
                .toList();
    }

    private static void succeed(PipelineExecutor executor, Dispatch d) {
        executor.finished(d.runId(), d.stage(), d.action(), true, "");
    }

    @Test
    void stages_run_in_order_and_actions_by_run_order_through_an_approval() {
        PipelineExecutor executor = executor(CONTRACT, "");
        executor.start("r1", "c1");

        assertThat(names(executor.takeDispatches())).containsExactly("r1:build/compile", "r1:build/lint");
        executor.finished("r1", "build", "compile", true, "");
        assertThat(executor.takeDispatches()).as("package waits for lint too").isEmpty();
        executor.finished("r1", "build", "lint", true, "");
        assertThat(names(executor.takeDispatches())).containsExactly("r1:build/package");
        executor.finished("r1", "build", "package", true, "");
        assertThat(names(executor.takeDispatches())).containsExactly("r1:deploy-dev/ship");
        executor.finished("r1", "deploy-dev", "ship", true, "");
        assertThat(executor.takeDispatches())
                .as("an approval is not dispatched")
                .isEmpty();
        executor.approve("r1", "approve", "release", true, "ann", "looks good");
        assertThat(names(executor.takeDispatches())).containsExactly("r1:deploy-prod/ship");
        executor.finished("r1", "deploy-prod", "ship", true, "");

        Run run = executor.run("r1").orElseThrow();
        assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(run.stage("approve")
                        .orElseThrow()
                        .action("release")
                        .orElseThrow()
                        .message())
                .isEqualTo("approved by ann: looks good");
        assertThat(executor.history())
                .filteredOn(c -> c.stage() == null)
                .extracting(StatusChange::status)
                .containsExactly(ExecutionStatus.IN_PROGRESS, ExecutionStatus.SUCCEEDED);
    }

    @Test
    void a_failed_action_lets_its_group_finish_then_fails_the_stage_and_the_run() {
        PipelineExecutor executor = executor(CONTRACT, "");
        executor.start("r1", "c1");
        executor.takeDispatches();

        executor.finished("r1", "build", "compile", false, "exit status 2");
        Run run = executor.run("r1").orElseThrow();
        assertThat(run.status()).as("lint still runs").isEqualTo(ExecutionStatus.IN_PROGRESS);
        executor.finished("r1", "build", "lint", true, "");

        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.message()).isEqualTo("action compile failed: exit status 2");
        assertThat(run.stage("build").orElseThrow().status()).contains(ExecutionStatus.FAILED);
        assertThat(run.stage("build")
                        .orElseThrow()
                        .action("package")
                        .orElseThrow()
                        .status())
                .isEmpty();
        assertThat(run.stage("deploy-dev").orElseThrow().status()).isEmpty();
        assertThat(executor.takeDispatches()).isEmpty();
    }

    @Test
    void superseded_keeps_only_the_newest_run_waiting_at_a_busy_stage() {
        PipelineExecutor executor = executor(CONTRACT, "execution-mode: SUPERSEDED");
        executor.start("r1", "c1");
        executor.start("r2", "c2");
        executor.start("r3", "c3");

        assertThat(executor.run("r2").orElseThrow().status()).isEqualTo(ExecutionStatus.SUPERSEDED);
        assertThat(executor.run("r2").orElseThrow().message()).isEqualTo("superseded by run r3 at stage build");
        assertThat(executor.run("r3").orElseThrow().isWaiting()).isTrue();
        assertThat(names(executor.takeDispatches())).containsExactly("r1:build/compile", "r1:build/lint");

        executor.finished("r1", "build", "compile", true, "");
        executor.finished("r1", "build", "lint", true, "");
        executor.finished("r1", "build", "package", true, "");

        assertThat(names(executor.takeDispatches()))
                .containsExactlyInAnyOrder(
                        "r1:build/package", "r1:deploy-dev/ship", "r3:build/compile", "r3:build/lint");
    }

    @Test
    void queued_lets_every_run_through_in_order_and_parallel_never_waits() {
        PipelineExecutor queued = executor(CONTRACT, "execution-mode: QUEUED");
        queued.start("r1", "c1");
        queued.start("r2", "c2");
        queued.start("r3", "c3");
        queued.takeDispatches();
        for (String action : List.of("compile", "lint", "package")) {
            queued.finished("r1", "build", action, true, "");
        }
        assertThat(names(queued.takeDispatches())).contains("r2:build/compile").doesNotContain("r3:build/compile");
        assertThat(queued.run("r3").orElseThrow().status()).isEqualTo(ExecutionStatus.IN_PROGRESS);

        PipelineExecutor parallel = executor(CONTRACT, "execution-mode: PARALLEL");
        parallel.start("p1", "c1");
        parallel.start("p2", "c2");
        assertThat(names(parallel.takeDispatches()))
                .containsExactly("p1:build/compile", "p1:build/lint", "p2:build/compile", "p2:build/lint");
    }

    @Test
    void approvals_reject_with_a_comment_or_expire_as_failed() {
        PipelineExecutor executor = executor(CONTRACT, "execution-mode: PARALLEL");
        for (String id : List.of("r1", "r2")) {
            executor.start(id, "c");
            for (String action : List.of("compile", "lint", "package")) {
                executor.finished(id, "build", action, true, "");
            }
            executor.finished(id, "deploy-dev", "ship", true, "");
        }

        executor.approve("r1", "approve", "release", false, "", "not on a Friday");
        clock.now = clock.now.plus(Duration.ofMinutes(59));
        executor.expireApprovals();
        assertThat(executor.run("r2").orElseThrow().status()).isEqualTo(ExecutionStatus.IN_PROGRESS);
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        executor.expireApprovals();

        assertThat(executor.run("r1").orElseThrow().message())
                .isEqualTo("action release failed: rejected: not on a Friday");
        assertThat(executor.run("r2").orElseThrow().status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(executor.run("r2").orElseThrow().message())
                .contains("approval expired after 60 minutes without an answer");
        assertThatThrownBy(() -> executor.approve("r2", "approve", "release", true, "", ""))
                .isInstanceOf(RunRefusedException.class);
    }

    @Test
    void stop_lets_running_actions_finish_abandon_does_not_and_waiting_runs_stop_at_once() {
        PipelineExecutor executor = executor(CONTRACT, "");
        executor.start("r1", "c1");
        executor.start("r2", "c2");
        executor.takeDispatches();

        executor.stop("r2", false, "");
        assertThat(executor.run("r2").orElseThrow().status()).isEqualTo(ExecutionStatus.STOPPED);

        executor.stop("r1", false, "wrong branch");
        Run r1 = executor.run("r1").orElseThrow();
        assertThat(r1.status()).isEqualTo(ExecutionStatus.STOPPING);
        executor.finished("r1", "build", "compile", true, "");
        assertThat(r1.status()).isEqualTo(ExecutionStatus.STOPPING);
        assertThatThrownBy(() -> executor.stop("r1", false, "")).isInstanceOf(RunRefusedException.class);
        executor.stop("r1", true, "now");

        assertThat(r1.status()).isEqualTo(ExecutionStatus.STOPPED);
        assertThat(r1.stage("build").orElseThrow().action("lint").orElseThrow().status())
                .contains(ExecutionStatus.ABANDONED);
        assertThat(r1.stage("build")
                        .orElseThrow()
                        .action("package")
                        .orElseThrow()
                        .status())
                .as("nothing new starts")
                .isEmpty();
        assertThat(executor.takeDispatches()).isEmpty();
        assertThatThrownBy(() -> executor.stop("r1", true, "")).isInstanceOf(RunRefusedException.class);
    }

    @Test
    void a_failed_stage_is_retried_only_while_no_newer_run_has_entered_it() {
        PipelineExecutor executor = executor(CONTRACT, "");
        executor.start("r1", "c1");
        executor.takeDispatches();
        executor.finished("r1", "build", "compile", true, "");
        executor.finished("r1", "build", "lint", false, "flaky");

        executor.retry("r1", "build", false);
        assertThat(names(executor.takeDispatches())).containsExactly("r1:build/lint");
        assertThat(executor.run("r1")
                        .orElseThrow()
                        .stage("build")
                        .orElseThrow()
                        .action("lint")
                        .orElseThrow()
                        .attempt())
                .isEqualTo(2);
        executor.finished("r1", "build", "lint", false, "still flaky");
        executor.start("r2", "c2");

        assertThatThrownBy(() -> executor.retry("r1", "build", true))
                .isInstanceOf(RunRefusedException.class)
                .hasMessage("a newer run has entered stage build since; start a new run");
        assertThatThrownBy(() -> executor.retry("r1", "deploy-dev", false)).isInstanceOf(RunRefusedException.class);
    }

    @Test
    void a_restored_executor_goes_on_where_the_saved_one_stopped() {
        PipelineExecutor before = executor(CONTRACT, "execution-mode: QUEUED");
        before.start("r1", "c1");
        before.start("r2", "c2");
        before.start("r3", "c3");
        before.takeDispatches();
        before.finished("r1", "build", "compile", true, "");
        List<RunSnapshot> saved = before.runs().stream().map(Run::snapshot).toList();

        PipelineExecutor after = executor(CONTRACT, "execution-mode: QUEUED");
        after.restore(saved, before.lastEntered());

        assertThat(after.takeDispatches()).isEmpty();
        after.finished("r1", "build", "lint", true, "");
        assertThat(names(after.takeDispatches())).containsExactly("r1:build/package");
        after.finished("r1", "build", "package", true, "");
        assertThat(names(after.takeDispatches()))
                .as("r2 waited first, so it enters before r3")
                .containsExactlyInAnyOrder("r1:deploy-dev/ship", "r2:build/compile", "r2:build/lint");
        assertThat(after.run("r3").orElseThrow().isWaiting()).isTrue();
        assertThat(after.run("r1")
                        .orElseThrow()
                        .stage("build")
                        .orElseThrow()
                        .action("compile")
                        .orElseThrow()
                        .attempt())
                .isEqualTo(1);
    }
}
