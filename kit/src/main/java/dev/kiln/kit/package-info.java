/**
 * What Kiln's programs share besides the model: files only their owner reads, temporary trees, progress reports
 * and the kit's exception root. Subpackages hold the object store, logging, the container engine client and the
 * agents' connection to the orchestrator.
 */
package dev.kiln.kit;
