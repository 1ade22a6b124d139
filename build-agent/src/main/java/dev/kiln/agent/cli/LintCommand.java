package dev.kiln.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.model.buildspec.BuildspecParser;
import dev.kiln.model.buildspec.ParsedBuildspec;
import dev.kiln.model.lint.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kiln lint}: every problem in buildspec files, at once. */
@Command(
        name = "lint",
        mixinStandardHelpOptions = true,
        description = {
            "Check buildspec files and report every problem as FILE:LINE:COLUMN: severity: key: message.",
            "Exit status: 0 no errors (warnings allowed), 2 at least one error or an unreadable file."
        })
final class LintCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Files to check (default: buildspec.yml).")
    private List<Path> files = new ArrayList<>();

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    private OutputFormat output;

    @Override
    public Integer call() throws IOException {
        if (files.isEmpty()) {
            files = List.of(Path.of("buildspec.yml"));
        }
        boolean errors = false;
        List<Map<String, Object>> json = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                System.err.println(file + ": no such file");
                errors = true;
                continue;
            }
            ParsedBuildspec parsed = BuildspecParser.parse(file, file.toString());
            errors |= parsed.report().hasErrors();
            if (output == OutputFormat.JSON) {
                for (Problem p : parsed.report().problems()) {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("file", p.file());
                    item.put("line", p.line());
                    item.put("column", p.column());
                    item.put("severity", p.severity().label());
                    item.put("key", p.key());
                    item.put("message", p.message());
                    json.add(item);
                }
            } else {
                System.out.print(parsed.report().format());
                if (parsed.report().problems().isEmpty()) {
                    System.out.println(file + ": ok");
                }
            }
        }
        if (output == OutputFormat.JSON) {
            System.out.println(
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        }
        return errors ? KilnCli.EXIT_INVALID : 0;
    }
}
