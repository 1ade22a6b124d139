/**
 * The orchestrator's versioned REST API ({@code /api/v1}, JSON, described by {@code openapi.yaml} which it also
 * serves): repositories, pipelines, runs and their control, logs (also as server-sent events), agents, webhooks, and
 * the agent protocol. Every call but health, the description and webhooks needs a bearer token.
 */
package dev.kiln.orchestrator.api;
