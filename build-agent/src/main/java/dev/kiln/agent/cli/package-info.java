/**
 * The {@code kiln} command line: thin commands that parse flags, call the engine or the linter, and print text or
 * JSON. The only package that writes to the terminal directly.
 */
package dev.kiln.agent.cli;
