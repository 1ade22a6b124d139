/**
 * Tar streams between the host and a build environment: the source tree going in (with modes and symbolic links
 * kept, nothing followed out of the tree) and directories coming back out for artifacts.
 */
package dev.kiln.agent.archive;
