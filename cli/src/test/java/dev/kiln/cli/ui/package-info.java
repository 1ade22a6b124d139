/** The web UI in a real browser against a real orchestrator, agent, database and git repository. */
package dev.kiln.cli.ui;
