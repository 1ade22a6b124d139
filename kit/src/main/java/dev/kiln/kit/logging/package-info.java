/**
 * How every Kiln process logs: lines for people, or JSON lines for a log collector ({@code KILN_LOG_FORMAT=json}),
 * with the ids of runs, jobs and agents as fields.
 */
package dev.kiln.kit.logging;
