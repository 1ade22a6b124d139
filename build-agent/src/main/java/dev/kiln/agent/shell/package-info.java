/**
 * How commands run inside a build's environment, identically for every backend. A POSIX {@code sh} driver
 * (resource {@code driver.sh}) reads requests on its stdin and runs each command in a wrapper (resource
 * {@code wrapper.sh}) that restores the previous command's variables and directory, so buildspec 0.2 state
 * carries across commands and phases while {@code exit} ends only its own command. After each command the driver
 * prints a marker carrying a per-build nonce on stdout and stderr; {@link dev.kiln.agent.shell.ShellSession} reads
 * both streams and completes a command only when both markers arrived, so no output is attributed to the wrong
 * command.
 */
package dev.kiln.agent.shell;
