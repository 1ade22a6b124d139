/**
 * Kiln's build agent: the engine that runs a buildspec plan the way CodeBuild does, its execution backends, and
 * the {@code kiln build} and {@code kiln lint} commands. {@link dev.kiln.agent.AgentException} is the root of every
 * exception it throws.
 */
package dev.kiln.agent;
