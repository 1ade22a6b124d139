package dev.kiln.orchestrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.model.api.DeploymentCreator;
import dev.kiln.model.api.JobState;
import dev.kiln.orchestrator.state.DeploymentRecord;
import dev.kiln.orchestrator.state.JobRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A leased job never started, and a running job past its timeout, are overdue; nothing earlier is. */
class JobDeadlinesTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    /** A job whose spec says a timeout of 60 minutes (a rollback's). */
    private static JobRecord job(JobState state) {
        DeploymentRecord d =
                DeploymentRecord.created("d-1", "dev", "app", "", "", "rev.zip", "", DeploymentCreator.USER, NOW);
        JobRecord made = Jobs.rollback(d, NOW);
        return made.with(state, Optional.of("agent-1"), "", Optional.empty());
    }

    @Test
    void a_leased_job_is_overdue_after_15_minutes_and_a_running_one_after_its_timeout_and_5_more() {
        JobDeadlines deadlines = new JobDeadlines();
        JobRecord leased = job(JobState.LEASED);
        deadlines.changed(Optional.empty(), leased, NOW);

        assertThat(deadlines.overdue(List.of(leased), NOW.plus(Duration.ofMinutes(14))))
                .isEmpty();
        assertThat(deadlines.overdue(List.of(leased), NOW.plus(Duration.ofMinutes(16))))
                .singleElement()
                .satisfies(o -> assertThat(o.why()).contains("never started"));

        JobRecord running = leased.with(JobState.RUNNING, leased.agentId(), "", Optional.empty());
        Instant started = NOW.plus(Duration.ofMinutes(10));
        deadlines.changed(Optional.of(leased), running, started);
        assertThat(deadlines.overdue(List.of(running), started.plus(Duration.ofMinutes(64))))
                .as("within its 60 min and the grace")
                .isEmpty();
        assertThat(deadlines.overdue(List.of(running), started.plus(Duration.ofMinutes(66))))
                .singleElement()
                .satisfies(o -> assertThat(o.why()).contains("timeout of 60 min"));

        deadlines.changed(
                Optional.of(running), running.with(JobState.SUCCEEDED, running.agentId(), "", Optional.of(NOW)), NOW);
        assertThat(deadlines.overdue(List.of(), started.plus(Duration.ofDays(1))))
                .isEmpty();
    }

    @Test
    void a_job_first_seen_after_a_restart_has_its_deadline_from_then() {
        JobDeadlines deadlines = new JobDeadlines();
        JobRecord adopted = job(JobState.LEASED);

        assertThat(deadlines.overdue(List.of(adopted), NOW)).isEmpty();
        assertThat(deadlines.overdue(List.of(adopted), NOW.plus(Duration.ofMinutes(14))))
                .isEmpty();
        assertThat(deadlines.overdue(List.of(adopted), NOW.plus(Duration.ofMinutes(16))))
                .hasSize(1);
    }
}
