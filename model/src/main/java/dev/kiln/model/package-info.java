/**
 * The files Kiln's users write (buildspecs; later pipeline files and appspecs), their parsers and linters, and the
 * immutable plans they compile to. Executors only ever see plans, never YAML. Depends on nothing else in Kiln.
 */
package dev.kiln.model;
