package dev.kiln.orchestrator.state;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the orchestrator keeps everything that must survive it. A future completes once the change is durable;
 * callers acknowledge nothing before that.
 */
public interface StateStore {

    /** A trivial query: succeeds when the database answers. */
    Future<Void> ping();

    /**
     * Records a webhook delivery under each of its keys (its forge's id, its body's digest), dropping records older
     * than {@code forgetBefore}; false when any key was recorded before, in which case nothing is recorded.
     */
    Future<Boolean> recordDelivery(
            String repository, java.util.List<String> keys, java.time.Instant now, java.time.Instant forgetBefore);

    /** Saves what a repository's pipelines are allowed; false when there is no such repository. */
    Future<Boolean> saveAllowed(String repository, java.util.Set<dev.kiln.model.api.Allowance> allowed);

    /** Adds a repository; fails with {@link DuplicateRepositoryException} when the name is taken. */
    Future<Void> addRepository(Repository repository);

    /** Every repository, by name. */
    Future<List<Repository>> repositories();

    /** Removes a repository; false when there was none by that name. Its runs stay. */
    Future<Boolean> removeRepository(String name);

    /** Saves the heads a repository was last seen with. */
    Future<Void> saveHeads(String repository, Map<String, String> heads);

    /**
     * Saves one step of the engine at once: runs (whole), their new status changes, which run entered each stage
     * last ({@code pipeline -> stage -> run}) and jobs (whole).
     */
    Future<Void> save(
            List<RunRecord> runs,
            List<StatusChangeRecord> changes,
            Map<String, Map<String, String>> stageEntries,
            List<JobRecord> jobs);

    /** The highest run sequence number used so far, 0 when none. */
    Future<Long> lastRunSeq();

    /** Runs still in progress or stopping, oldest first. */
    Future<List<RunRecord>> activeRuns();

    /** Runs, newest first: all pipelines' or one's. */
    Future<List<RunRecord>> runs(Optional<String> pipeline, int limit);

    /** One run. */
    Future<Optional<RunRecord>> run(String id);

    /** A run's status changes, in order. */
    Future<List<StatusChangeRecord>> history(String runId);

    /** Which run entered each stage last, by pipeline. */
    Future<Map<String, Map<String, String>>> stageEntries();

    /** Jobs queued, leased or running. */
    Future<List<JobRecord>> openJobs();

    /** A run's jobs, oldest first. */
    Future<List<JobRecord>> jobs(String runId);

    /** One job. */
    Future<Optional<JobRecord>> job(String id);

    /** The most lines a batch of log lines (one chunk) holds: a larger batch is refused before it is stored. */
    int MAX_CHUNK_LINES = 10_000;

    /** Characters of text a page of log lines holds at most (it always holds one line, however long). */
    int MAX_PAGE_CHARS = 4 * 1024 * 1024;

    /**
     * Appends log lines to a job, numbered from {@code firstLine}, at most {@link #MAX_CHUNK_LINES}; a batch sent twice
     * (the same first line) is stored once. Answers how many lines the job now has.
     */
    Future<Long> appendLog(String jobId, long firstLine, List<String> lines);

    /**
     * A job's log lines from {@code fromLine} on, at most {@code limit} and about {@link #MAX_PAGE_CHARS} characters
     * (fewer lines than asked do not mean the end); the same cost wherever in the log they are.
     */
    Future<List<String>> log(String jobId, long fromLine, int limit);

    /** How many characters a job's stored log lines hold (line ends counted). */
    Future<Long> logSize(String jobId);

    /**
     * Marks a job's log as moved to the object store under {@code key} and drops its lines from the database, in one
     * transaction.
     */
    Future<Void> archiveLog(String jobId, String key);

    /** Where a job's log was moved, if it was. */
    Future<java.util.Optional<String>> logObject(String jobId);

    /**
     * Ended runs {@code policy} lets go, oldest first, at most {@code limit}: those past the newest
     * {@code keepRuns} of their pipeline, and those that ended before {@code now} less {@code keepDays}.
     */
    Future<List<String>> expiredRuns(RetentionPolicy policy, java.time.Instant now, int limit);

    /**
     * Removes runs with their stages, actions, history, jobs and log lines, in one transaction; answers the ids of
     * the jobs removed (their archived logs are the caller's to remove).
     */
    Future<List<String>> removeRuns(List<String> runIds);
}
