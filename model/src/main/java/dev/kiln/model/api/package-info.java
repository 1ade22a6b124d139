/**
 * The orchestrator's REST API as typed records: every request and answer body, and an enum for every status in the
 * services' own words ({@code InProgress}, {@code Succeeded}, {@code Queued}). The server writes them, the one client
 * reads them; {@code openapi.yaml} is their published description.
 */
package dev.kiln.model.api;
