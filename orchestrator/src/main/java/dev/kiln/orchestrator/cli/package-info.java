/**
 * The {@code kiln} command line: {@code kiln up} runs the orchestrator; {@code repos}, {@code pipelines},
 * {@code runs}, {@code approve}, {@code logs} and {@code agents} call its API; {@code build}, {@code lint} and
 * {@code agent} come from the build agent.
 */
package dev.kiln.orchestrator.cli;
