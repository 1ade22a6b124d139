/** Tests of users, roles and what each API call needs. */
package dev.kiln.orchestrator.access;
