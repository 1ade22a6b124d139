/** The orchestrator end to end: real PostgreSQL, S3 server, git pushes, agents as separate processes. */
package dev.kiln.cli.e2e;
