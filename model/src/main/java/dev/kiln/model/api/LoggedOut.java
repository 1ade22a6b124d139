package dev.kiln.model.api;

/**
 * A logout's answer.
 *
 * @param loggedOut whose token was revoked
 */
public record LoggedOut(String loggedOut) {}
