package dev.kiln.orchestrator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kiln.model.api.Deployment;
import dev.kiln.model.api.Environment;
import dev.kiln.model.api.Job;
import dev.kiln.model.api.Role;
import dev.kiln.model.api.Run;
import dev.kiln.model.api.User;
import dev.kiln.model.deploy.DeploymentReport;
import dev.kiln.model.deploy.HostReport;
import dev.kiln.orchestrator.deploy.Environments;
import dev.kiln.orchestrator.source.CommitInfo;
import dev.kiln.orchestrator.state.DeploymentRecord;
import dev.kiln.orchestrator.state.EnvironmentRecord;
import dev.kiln.orchestrator.state.JobRecord;
import dev.kiln.orchestrator.state.Repository;
import dev.kiln.orchestrator.state.RunRecord;
import dev.kiln.orchestrator.state.StatusChangeRecord;
import dev.kiln.orchestrator.state.UserRecord;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What the orchestrator keeps, as the API's records show it. */
final class ApiViews {
    private ApiViews() {}

    /** A run, with its history for {@code show} (null in lists). */
    static Run run(RunRecord run, Optional<CommitInfo> commit, @Nullable List<StatusChangeRecord> history) {
        return new Run(
                run.id(),
                run.pipeline(),
                run.repository(),
                run.status(),
                run.message(),
                run.trigger(),
                run.ref().orElse(null),
                run.revision(),
                commit.map(CommitInfo::title).orElse(null),
                commit.map(CommitInfo::author).orElse(null),
                run.startTime(),
                run.endTime().orElse(null),
                run.stages().stream()
                        .map(s -> new Run.Stage(
                                s.name(),
                                s.status().orElse(null),
                                s.actions().stream()
                                        .map(a -> new Run.Action(
                                                a.name(),
                                                a.type(),
                                                a.status().orElse(null),
                                                a.message(),
                                                a.attempt(),
                                                a.deadline().orElse(null),
                                                a.runOrder()))
                                        .toList()))
                        .toList(),
                history == null
                        ? null
                        : history.stream()
                                .map(c -> new Run.StatusChange(
                                        c.stage().orElse(null),
                                        c.action().orElse(null),
                                        c.status(),
                                        c.message(),
                                        c.time()))
                                .toList());
    }

    /** A deployment, with each host's lifecycle events when {@code withHosts}. */
    static Deployment deployment(DeploymentRecord d, boolean withHosts) {
        List<HostReport> hosts = List.of();
        if (withHosts && !d.report().isEmpty()) {
            try {
                hosts = ApiJson.MAPPER
                        .readValue(d.report(), DeploymentReport.class)
                        .hosts();
            } catch (JsonProcessingException e) {
                hosts = List.of();
            }
        }
        return new Deployment(
                d.id(),
                d.environment(),
                d.application(),
                d.runId(),
                d.commit(),
                d.creator(),
                d.status(),
                d.errorCode(),
                d.message(),
                d.rollbackOf(),
                d.rolledBackBy(),
                d.redeployOf(),
                d.createdAt(),
                d.endedAt().orElse(null),
                hosts);
    }

    /** An environment: its settings (never its key), the live deployment and its recent ones. */
    static Environment environment(
            EnvironmentRecord e, Optional<DeploymentRecord> current, List<DeploymentRecord> recent) {
        return new Environment(
                e.name(),
                e.id(),
                Environments.settings(e),
                e.createdAt(),
                current.map(d -> deployment(d, false)).orElse(null),
                recent.stream().map(d -> deployment(d, false)).toList());
    }

    /** A job. */
    static Job job(JobRecord job) {
        return new Job(
                job.id(),
                job.stage(),
                job.action(),
                job.attempt(),
                job.kind(),
                job.state(),
                job.agentId().orElse(null),
                job.message(),
                job.outputs(),
                job.createdAt(),
                job.endedAt().orElse(null));
    }

    /** A repository, its webhook secret reduced to whether there is one. */
    static dev.kiln.model.api.Repository repository(Repository repo) {
        return new dev.kiln.model.api.Repository(
                repo.name(),
                dev.kiln.orchestrator.source.GitCredentials.shown(repo.url()),
                repo.branch().orElse(null),
                repo.webhookSecret().isPresent(),
                repo.pollIntervalSeconds(),
                repo.heads(),
                repo.allowed().stream().sorted().toList(),
                repo.sealedCredentials().isPresent());
    }

    /** A user, without their password's hash. */
    static User user(UserRecord user) {
        return new User(user.name(), Role.of(user.role()), user.createdAt());
    }
}
