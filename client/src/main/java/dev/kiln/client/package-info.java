/**
 * The one client of the orchestrator's REST API: {@link dev.kiln.client.KilnClient}'s calls answer the model's API
 * records ({@code dev.kiln.model.api}); refusals and unreachable servers are {@link dev.kiln.client.ClientException}s.
 */
package dev.kiln.client;
