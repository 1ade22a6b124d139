package dev.kiln.agent.report;

import dev.kiln.model.build.TestCase;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Reads one test result file of a format into test cases. Stateless. */
interface TestReportParser {

    /**
     * Reads one test report file.
     *
     * @param file the file's path relative to the report's base directory, for messages and the cases
     * @throws IOException saying what is wrong with the file
     */
    List<TestCase> parse(InputStream in, String file) throws IOException;
}
