/**
 * The orchestrator as a process: its settings, the embedded PostgreSQL and S3-compatible server it runs on a laptop
 * (the same code paths as real servers), the Vert.x HTTP server, timers, and local agents started as child
 * processes.
 */
package dev.kiln.orchestrator.server;
