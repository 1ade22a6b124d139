/**
 * The build agent as a separate process: it says hello to an orchestrator, long-polls for build and test jobs,
 * runs each with the engine, streams its log lines as they are printed, uploads its artifacts to the object store,
 * reports the result, beats every few seconds, and says hello again whenever the orchestrator has forgotten it.
 */
package dev.kiln.agent.remote;
