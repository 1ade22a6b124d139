package dev.kiln.model.job;

import java.util.List;
import java.util.Map;

/**
 * One build, test or deploy action of a run, as an agent is given it.
 *
 * @param jobId the job; the agent names it in every call about it
 * @param runId the run
 * @param pipeline the pipeline's name
 * @param stage the stage
 * @param action the action
 * @param type {@code build}, {@code test} or {@code deploy}
 * @param attempt the action's attempt (1, then more after retries)
 * @param revision the full commit id the run builds
 * @param ref the branch or tag ref pushed, or empty
 * @param pipelineFile the pipeline file's text at that commit: the agent reads the action's plan from it
 * @param inputs the input artifacts, primary first, each a zip in the object store
 * @param outputs the names of the output artifacts the action makes (the first is its primary artifact)
 * @param outputPrefix where in the object store the outputs go
 * @param environment variables for the action: the pipeline's, then Kiln's own ({@code KILN_RUN_ID}, ...)
 * @param timeoutMinutes the build's timeout
 * @param firstLogLine the number of the job's first log line: 0, or the line after those of an agent that handed the
 *     job back (its lines stay, and this agent's follow them)
 */
public record JobSpec(
        String jobId,
        String runId,
        String pipeline,
        String stage,
        String action,
        String type,
        int attempt,
        String revision,
        String ref,
        String pipelineFile,
        List<JobInput> inputs,
        List<String> outputs,
        String outputPrefix,
        Map<String, String> environment,
        int timeoutMinutes,
        long firstLogLine) {

    /**
     * The name, under {@link #outputPrefix()}, of the build's test and coverage reports as a JSON array of
     * {@code Report} (CodeBuild's {@code DescribeTestCases} and {@code DescribeCodeCoverages} in one), when it made any.
     */
    public static final String REPORTS = "reports.json";

    public JobSpec {
        if (firstLogLine < 0) {
            throw new IllegalArgumentException("firstLogLine must not be negative");
        }
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        environment = Map.copyOf(environment);
    }

    /** The same job, its log going on from line {@code line}: given again after an agent handed it back. */
    public JobSpec continuingLogAt(long line) {
        return new JobSpec(
                jobId,
                runId,
                pipeline,
                stage,
                action,
                type,
                attempt,
                revision,
                ref,
                pipelineFile,
                inputs,
                outputs,
                outputPrefix,
                environment,
                timeoutMinutes,
                line);
    }
}
