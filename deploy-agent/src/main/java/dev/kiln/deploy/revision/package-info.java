/**
 * A revision made ready on the agent before any host is touched: the artifact's zip turned into one tar.gz (sent
 * once per host and checked by sha256 there), its appspec parsed, and the install plan and permissions worked out
 * from the appspec and the revision's files.
 */
package dev.kiln.deploy.revision;
