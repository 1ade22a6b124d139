/**
 * Secrets a build asks for ({@code env.parameter-store}, {@code env.secrets-manager}): a
 * {@link dev.kiln.agent.secret.SecretProvider} resolves them before the build starts, and a
 * {@link dev.kiln.kit.SecretMasker} replaces every resolved value, and any AWS secret key passed in, with
 * {@code ***} in everything the build writes: its log, its exported variables, its phase messages.
 */
package dev.kiln.agent.secret;
