/**
 * What starts a run: pushes from webhooks (GitHub, GitLab, Gitea, Bitbucket), verified before they are read, and
 * the pipeline's {@code on.push} filters.
 */
package dev.kiln.orchestrator.trigger;
