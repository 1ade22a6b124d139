/** The orchestrator: pipelines, their triggers and runs. Its exceptions descend from {@link OrchestratorException}. */
package dev.kiln.orchestrator;
