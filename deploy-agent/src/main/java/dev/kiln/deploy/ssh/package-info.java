/**
 * Talking to hosts over SSH with SSHJ: a {@link dev.kiln.deploy.ssh.HostShell} role, its SSH implementation, and
 * host key verification against the keys an environment trusts.
 */
package dev.kiln.deploy.ssh;
