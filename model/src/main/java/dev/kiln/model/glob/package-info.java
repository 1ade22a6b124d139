/** Path and name globs, as buildspecs and pipeline files write them. */
package dev.kiln.model.glob;
