/** {@code kiln agent deploy}: the deploy agent's command. */
package dev.kiln.deploy.cli;
