/** What every Kiln command line shares: exit codes, how a failure is said, uncaught exceptions. */
package dev.kiln.kit.cli;
