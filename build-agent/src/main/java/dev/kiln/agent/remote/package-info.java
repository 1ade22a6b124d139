/**
 * Build and test jobs as the build agent takes them from an orchestrator (through the kit's agent loop): each runs
 * with the engine, streams its log lines as they are printed, uploads its artifacts and caches to the object store
 * and reports the result.
 */
package dev.kiln.agent.remote;
