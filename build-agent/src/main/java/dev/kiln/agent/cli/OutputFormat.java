package dev.kiln.agent.cli;

/** {@code --output} values. */
enum OutputFormat {
    TEXT,
    JSON
}
