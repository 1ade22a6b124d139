/**
 * Test reports: after the command phases, whether the build failed or not, the files of each {@code reports} group
 * are read out of the build's environment and parsed into test cases and a summary. A file that cannot be parsed
 * makes its report INCOMPLETE with a warning; it never fails the build.
 */
package dev.kiln.agent.report;
