package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command builds, and each says how it is used with --help: a clash of options fails here, not in use. */
class CommandTreeTest {
    @Test
    void every_command_builds_and_answers_help() {
        CommandLine root = KilnMain.commandLine();
        List<CommandLine> all = new ArrayList<>();
        collect(root, all);
        assertThat(all).hasSizeGreaterThan(40);
        for (CommandLine command : all) {
            StringWriter text = new StringWriter();
            command.usage(new PrintWriter(text));
            assertThat(text.toString())
                    .as(command.getCommandSpec().qualifiedName())
                    .contains("Usage: ")
                    .contains(command.getCommandSpec().qualifiedName());
        }
        assertThat(KilnMain.execute("repos", "add", "--help")).isZero();
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().stream().distinct().forEach(c -> collect(c, into));
    }
}
