/**
 * Runs of a pipeline with CodePipeline's semantics: stages in order, actions by run order, execution modes
 * (SUPERSEDED, QUEUED, PARALLEL), approvals, stop and retry, and every status change recorded with its time. The
 * engine here is pure and single-threaded; storage and agents drive it from outside.
 */
package dev.kiln.orchestrator.run;
