/**
 * {@code phases.install.runtime-versions} on Kiln's default image: which Debian packages give each runtime, and
 * the derived images they are installed into once.
 */
package dev.kiln.agent.runtime;
