/**
 * What the orchestrator and its agents say to each other over the wire, as plain records (JSON on the wire): a job to
 * run, its inputs, its result, log batches, and the object store the artifacts travel through.
 */
package dev.kiln.model.job;
