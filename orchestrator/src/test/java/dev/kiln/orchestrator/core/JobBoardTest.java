package dev.kiln.orchestrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.model.api.AgentKind;
import dev.kiln.model.api.DeploymentCreator;
import dev.kiln.model.api.JobState;
import dev.kiln.model.job.AgentHello;
import dev.kiln.orchestrator.state.DeploymentRecord;
import dev.kiln.orchestrator.state.JobRecord;
import io.vertx.core.Promise;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which agent gets which job, and when an agent counts as lost. */
class JobBoardTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final String TOKEN = "hash of token a";

    private static JobRecord job(String id, AgentKind kind, List<String> labels) {
        return new JobRecord(
                id,
                "1",
                "build",
                id,
                1,
                kind,
                labels,
                "{}",
                JobState.QUEUED,
                Optional.empty(),
                Optional.empty(),
                "",
                Map.of(),
                NOW,
                Optional.empty());
    }

    private static JobRecord deployJob(String id, String environment) {
        DeploymentRecord d =
                DeploymentRecord.created(id, environment, "app", "", "", "rev.zip", "", DeploymentCreator.USER, NOW);
        JobRecord made = Jobs.rollback(d, NOW);
        return new JobRecord(
                id,
                made.runId(),
                made.stage(),
                made.action(),
                1,
                AgentKind.DEPLOY,
                List.of(),
                made.spec(),
                JobState.QUEUED,
                Optional.empty(),
                Optional.empty(),
                "",
                Map.of(),
                NOW,
                Optional.empty());
    }

    private static AgentHello agent(AgentKind kind, List<String> labels, int maxJobs) {
        return new AgentHello("a", kind, labels, maxJobs, List.of());
    }

    @Test
    void a_job_goes_only_to_an_agent_of_its_kind_with_all_its_labels_and_room_for_it() {
        JobBoard board = new JobBoard();
        board.hello("plain", agent(AgentKind.BUILD, List.of(), 1), TOKEN, NOW);
        board.hello("gpu", agent(AgentKind.BUILD, List.of("linux", "gpu"), 1), TOKEN, NOW);
        board.hello("deployer", agent(AgentKind.DEPLOY, List.of("linux", "gpu"), 1), TOKEN, NOW);
        board.queue(job("needs-gpu", AgentKind.BUILD, List.of("gpu")));
        board.queue(job("any", AgentKind.BUILD, List.of()));
        board.queue(deployJob("ship", "dev"));

        assertThat(board.leaseNow("plain", NOW).map(JobRecord::id)).contains("any");
        assertThat(board.leaseNow("plain", NOW)).as("one job at a time").isEmpty();
        assertThat(board.leaseNow("gpu", NOW).map(JobRecord::id)).contains("needs-gpu");
        assertThat(board.leaseNow("deployer", NOW).map(JobRecord::id)).contains("ship");
        assertThat(board.job("any").orElseThrow().state()).isEqualTo(JobState.LEASED);
        assertThat(board.job("any").orElseThrow().agentId()).contains("plain");
    }

    @Test
    void one_deployment_per_environment_at_a_time_in_the_order_queued() {
        JobBoard board = new JobBoard();
        board.hello("d1", agent(AgentKind.DEPLOY, List.of(), 4), TOKEN, NOW);
        board.queue(deployJob("dev-1", "dev"));
        board.queue(deployJob("dev-2", "dev"));
        board.queue(deployJob("prod-1", "prod"));

        assertThat(board.leaseNow("d1", NOW).map(JobRecord::id)).contains("dev-1");
        assertThat(board.leaseNow("d1", NOW).map(JobRecord::id))
                .as("dev is busy: prod goes first")
                .contains("prod-1");
        assertThat(board.leaseNow("d1", NOW)).isEmpty();
        board.update(
                board.job("dev-1").orElseThrow().with(JobState.SUCCEEDED, Optional.of("d1"), "", Optional.of(NOW)));
        assertThat(board.leaseNow("d1", NOW).map(JobRecord::id)).contains("dev-2");
    }

    @Test
    void a_waiting_agent_gets_a_job_as_soon_as_it_is_queued() {
        JobBoard board = new JobBoard();
        board.hello("idle", agent(AgentKind.BUILD, List.of(), 1), TOKEN, NOW);
        Promise<Optional<JobRecord>> promise = Promise.promise();
        board.await(new JobBoard.Waiter("idle", promise));

        List<JobBoard.Lease> leases = board.queue(job("j1", AgentKind.BUILD, List.of()));

        assertThat(leases)
                .singleElement()
                .satisfies(l -> assertThat(l.job().agentId()).contains("idle"));
    }

    @Test
    void an_agent_silent_for_30_seconds_is_lost_with_its_jobs_and_not_before() {
        JobBoard board = new JobBoard();
        board.hello("quiet", agent(AgentKind.BUILD, List.of(), 2), TOKEN, NOW);
        board.queue(job("j1", AgentKind.BUILD, List.of()));
        board.leaseNow("quiet", NOW);

        assertThat(board.lost(NOW.plusSeconds(29))).isEmpty();
        List<AgentState> lost = board.lost(NOW.plusSeconds(30));

        assertThat(lost).singleElement().satisfies(a -> assertThat(a.jobs).containsExactly("j1"));
        assertThat(board.agent("quiet")).isEmpty();
    }

    @Test
    void a_job_two_heartbeats_in_a_row_leave_out_is_taken_back() {
        JobBoard board = new JobBoard();
        AgentState agent = board.hello("a1", agent(AgentKind.BUILD, List.of(), 2), TOKEN, NOW);
        board.queue(job("j1", AgentKind.BUILD, List.of()));
        board.queue(job("j2", AgentKind.BUILD, List.of()));
        board.leaseNow("a1", NOW);
        board.leaseNow("a1", NOW);

        assertThat(board.missing(agent, List.of("j2")))
                .as("one beat without j1 may race its lease")
                .isEmpty();
        assertThat(board.missing(agent, List.of("j1", "j2")))
                .as("reported again: the count starts over")
                .isEmpty();
        assertThat(board.missing(agent, List.of("j2"))).isEmpty();
        assertThat(board.missing(agent, List.of("j2")))
                .singleElement()
                .satisfies(j -> assertThat(j.id()).isEqualTo("j1"));
        assertThat(board.missing(agent, List.of("j2")))
                .as("j2 is reported every time")
                .isEmpty();
    }

    @Test
    void an_agent_belongs_to_the_token_it_said_hello_with() {
        JobBoard board = new JobBoard();
        board.hello("a1", agent(AgentKind.DEPLOY, List.of(), 1), TOKEN, NOW);
        assertThatThrownBy(() -> board.hello("a1", agent(AgentKind.DEPLOY, List.of(), 1), "hash of token b", NOW))
                .isInstanceOf(ForeignAgentException.class)
                .hasMessageContaining("agent a1 said hello with another token");
        // its own token may say hello again (after a restart of the agent's connection)
        board.hello("a1", agent(AgentKind.DEPLOY, List.of(), 1), TOKEN, NOW.plusSeconds(5));
        assertThat(board.agent("a1"))
                .hasValueSatisfying(a -> assertThat(a.owner).isEqualTo(TOKEN));
    }

    @Test
    void after_a_restart_only_the_token_that_leased_a_job_may_say_hello_for_its_agent() {
        JobBoard before = new JobBoard();
        before.hello("a1", agent(AgentKind.DEPLOY, List.of(), 1), TOKEN, NOW);
        before.queue(deployJob("ship", "prod"));
        JobRecord leased = before.leaseNow("a1", NOW).orElseThrow();
        assertThat(leased.owner()).contains(TOKEN);
        assertThat(leased.with(JobState.RUNNING, leased.agentId(), "", Optional.empty())
                        .owner())
                .as("kept while the same agent holds it")
                .contains(TOKEN);
        assertThat(leased.with(JobState.QUEUED, Optional.empty(), "", Optional.empty())
                        .owner())
                .as("dropped when it goes back to the queue")
                .isEmpty();

        // a new orchestrator knows the job (from the database) before any agent says hello
        JobBoard after = new JobBoard();
        after.adopt(leased.with(JobState.RUNNING, leased.agentId(), "", Optional.empty()), NOW.plusSeconds(60));
        assertThatThrownBy(() -> after.hello(
                        "a1", agent(AgentKind.DEPLOY, List.of(), 1), "hash of token b", NOW.plusSeconds(61)))
                .isInstanceOf(ForeignAgentException.class);
        assertThat(after.agent("a1").orElseThrow().owner).isNull();
        AgentState back = after.hello("a1", agent(AgentKind.DEPLOY, List.of(), 1), TOKEN, NOW.plusSeconds(62));
        assertThat(back.jobs).containsExactly("ship");
        assertThat(back.owner).isEqualTo(TOKEN);
    }

    @Test
    void a_deploy_agent_gets_jobs_only_for_the_environments_its_token_names() {
        JobBoard board = new JobBoard();
        AgentState staging = board.hello("staging-only", agent(AgentKind.DEPLOY, List.of(), 2), TOKEN, NOW);
        staging.environments = java.util.Set.of("staging");
        board.queue(deployJob("j-prod", "prod"));
        assertThat(board.leaseNow("staging-only", NOW)).isEmpty();
        board.queue(deployJob("j-staging", "staging"));
        assertThat(board.leaseNow("staging-only", NOW))
                .hasValueSatisfying(j -> assertThat(j.id()).isEqualTo("j-staging"));
        board.hello("anywhere", agent(AgentKind.DEPLOY, List.of(), 1), "hash of token b", NOW);
        assertThat(board.leaseNow("anywhere", NOW))
                .hasValueSatisfying(j -> assertThat(j.id()).isEqualTo("j-prod"));
    }

    @Test
    void a_job_queued_again_is_no_longer_held_by_the_agent_it_was_taken_from() {
        JobBoard board = new JobBoard();
        AgentState first = board.hello("first", agent(AgentKind.BUILD, List.of(), 1), TOKEN, NOW);
        board.queue(job("j1", AgentKind.BUILD, List.of()));
        JobRecord leased = board.leaseNow("first", NOW).orElseThrow();
        assertThat(first.jobs).containsExactly("j1");

        board.update(leased.with(JobState.QUEUED, Optional.empty(), "", Optional.empty()));

        assertThat(first.jobs)
                .as("an agent lost or gone later must not fail a job it gave back")
                .isEmpty();
        AgentState second = board.hello("second", agent(AgentKind.BUILD, List.of(), 1), TOKEN, NOW);
        board.leaseNow("second", NOW).orElseThrow();
        assertThat(board.remove("first")).isPresent();
        assertThat(board.job("j1").flatMap(JobRecord::agentId)).contains("second");
        assertThat(second.jobs).containsExactly("j1");
    }
}
