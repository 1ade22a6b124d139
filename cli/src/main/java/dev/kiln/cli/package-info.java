/**
 * The launcher: {@code bin/kiln}'s one entry point. {@code kiln up} runs an orchestrator on embedded defaults with
 * the UI and local agents as child processes; {@code repos}, {@code pipelines}, {@code runs}, {@code approve},
 * {@code logs}, {@code agents}, {@code environments}, {@code deployments} and {@code rollback} call its API; the
 * programs' own commands ({@code build}, {@code lint}, {@code agent}, {@code deploy}, {@code server}, {@code ui},
 * ...) are put under {@code kiln} here. The only module that depends on Kiln's programs.
 */
package dev.kiln.cli;
