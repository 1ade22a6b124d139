/** Real parts for the orchestrator's tests: PostgreSQL, git repositories, processes. */
package dev.kiln.orchestrator.testing;
