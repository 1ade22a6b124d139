/** The Log page: a job's log, live, virtualized, with CodeBuild's phases as sections, ANSI colours and search. */
package dev.kiln.ui.log;
