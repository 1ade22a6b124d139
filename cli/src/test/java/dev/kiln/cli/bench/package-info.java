/** Benchmark harnesses run by the scripts in bench/, skipped in the test suite: they measure, they assert nothing. */
package dev.kiln.cli.bench;
