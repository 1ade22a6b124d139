/**
 * The deploy agent connected to an orchestrator: deploy jobs leased like builds, each deployment asked of the
 * orchestrator, its revision read from the object store, and an automatic rollback run when the orchestrator
 * answers a failed deployment with one.
 */
package dev.kiln.deploy.remote;
