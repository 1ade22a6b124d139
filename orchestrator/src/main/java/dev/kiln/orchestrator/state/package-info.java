/**
 * The orchestrator's durable state: repositories, runs with their stages, actions and status history, jobs handed
 * to agents, log chunks and API tokens, in PostgreSQL through Hibernate Reactive. The schema is made by versioned
 * Flyway migrations ({@code db/migration}); Hibernate only validates it.
 */
package dev.kiln.orchestrator.state;
