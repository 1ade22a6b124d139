/**
 * An agent as a separate process, whatever its kind: it says hello to an orchestrator, long-polls for jobs, runs
 * each through a {@link dev.kiln.kit.remote.JobFactory}, streams its log lines, reports the result, beats every few
 * seconds, says hello again whenever the orchestrator has forgotten it, and answers on its status port.
 */
package dev.kiln.kit.remote;
