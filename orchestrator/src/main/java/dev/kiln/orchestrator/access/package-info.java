/** Who may do what: users with roles (viewer, operator, admin), their passwords, and what each API call needs. */
package dev.kiln.orchestrator.access;
