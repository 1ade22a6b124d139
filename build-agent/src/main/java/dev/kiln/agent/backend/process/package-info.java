/**
 * The host-process backend, for machines with no container engine: the same shell driver runs as a child process
 * in a temporary directory. It is not isolated: commands see and can change the host, and it says so.
 */
package dev.kiln.agent.backend.process;
