package dev.kiln.agent.report;

import dev.kiln.model.build.CodeCoverage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Reads one coverage file of a format into coverage per source file. Stateless. */
interface CoverageParser {

    /**
     * Reads one coverage file.
     *
     * @param file the file's path relative to the report's base directory, for messages
     * @throws IOException saying what is wrong with the file
     */
    List<CodeCoverage> parse(InputStream in, String file) throws IOException;
}
