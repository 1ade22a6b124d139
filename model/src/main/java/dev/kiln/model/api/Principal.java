package dev.kiln.model.api;

/**
 * Who a token speaks for.
 *
 * @param name the user's name, or the token's name for a token made for a program ({@code admin}, {@code ci})
 * @param role what it may do
 */
public record Principal(String name, Role role) {}
