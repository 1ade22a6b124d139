/**
 * The orchestrator's own commands: {@code kiln server} (the API, scheduling and triggers), {@code kiln object-store}
 * (an S3 server for stacks without one) and {@code kiln backup} / {@code kiln restore}. The launcher puts them under
 * {@code kiln} beside the other programs' commands.
 */
package dev.kiln.orchestrator.cli;
