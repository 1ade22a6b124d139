package dev.kiln.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.model.buildspec.BuildspecParser;
import dev.kiln.model.lint.LintReport;
import dev.kiln.model.lint.Problem;
import dev.kiln.model.pipeline.PipelineParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kiln lint}: every problem in buildspec and pipeline files, at once. */
@Command(
        name = "lint",
        mixinStandardHelpOptions = true,
        description = {
            "Check buildspec and pipeline files (.kiln/pipeline.yml) and report every problem as"
                    + " FILE:LINE:COLUMN: severity: key: message.",
            "Exit status: 0 no errors (warnings allowed), 2 at least one error or an unreadable file."
        })
public final class LintCommand implements Callable<Integer> {

    @Parameters(
            arity = "0..*",
            paramLabel = "FILE",
            description = "Files to check (default: buildspec.yml, and .kiln/pipeline.yml when there is one). A file"
                    + " under a .kiln directory is read as a pipeline, any other as a buildspec, unless --kind says.")
    private List<Path> files = new ArrayList<>();

    @Option(
            names = "--kind",
            paramLabel = "KIND",
            description = "buildspec or pipeline: how to read every file given, whatever its name.")
    private @Nullable String kind;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    private @Nullable OutputFormat output;

    @Override
    public Integer call() throws IOException {
        if (kind != null && !kind.equals("buildspec") && !kind.equals("pipeline")) {
            System.err.println("kiln lint: --kind must be buildspec or pipeline");
            return KilnCli.EXIT_INVALID;
        }
        if (files.isEmpty()) {
            files = new ArrayList<>(List.of(Path.of("buildspec.yml")));
            if (Files.isRegularFile(Path.of(PipelineParser.FILE))) {
                files.add(Path.of(PipelineParser.FILE));
            }
        }
        boolean errors = false;
        List<Map<String, Object>> json = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                System.err.println(file + ": no such file");
                errors = true;
                continue;
            }
            LintReport report = isPipeline(file)
                    ? PipelineParser.parse(file.toString(), Files.readString(file))
                            .report()
                    : BuildspecParser.parse(file.toString(), Files.readString(file))
                            .report();
            errors |= report.hasErrors();
            if (output == OutputFormat.JSON) {
                for (Problem p : report.problems()) {
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
                System.out.print(report.format());
                if (report.problems().isEmpty()) {
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

    private boolean isPipeline(Path file) {
        if (kind != null) {
            return kind.equals("pipeline");
        }
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent != null
                && parent.getFileName() != null
                && parent.getFileName().toString().equals(".kiln");
    }
}
