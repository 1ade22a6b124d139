package dev.kiln.cli;

import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.model.api.Run;
import org.jspecify.annotations.Nullable;

/** Runs as text for people. */
final class RunText {
    private RunText() {}

    static String line(Run run) {
        String revision = run.sourceRevision();
        return String.format(
                "%-6s %-16s %-11s %-8s %s  %s",
                run.id(),
                run.pipeline(),
                run.status().wireName(),
                run.trigger().wireName(),
                revision.length() > 10 ? revision.substring(0, 10) : revision,
                run.startTime());
    }

    static void print(Run run) {
        System.out.println("run " + run.id() + " of " + run.pipeline() + ": "
                + run.status().wireName());
        if (run.message() != null && !run.message().isEmpty()) {
            System.out.println("  " + run.message().replace("\n", "\n  "));
        }
        System.out.println("  commit " + run.sourceRevision() + (run.ref() != null ? " (" + run.ref() + ")" : "") + ", "
                + run.trigger().wireName());
        for (Run.Stage stage : run.stages()) {
            System.out.println("  " + stage.name() + ": " + text(stage.status()));
            for (Run.Action action : stage.actions()) {
                String message = action.message() == null ? "" : action.message();
                System.out.println("    " + action.name() + ": " + text(action.status())
                        + (message.isEmpty() ? "" : " - " + message.replace("\n", "\n      ")));
            }
        }
    }

    private static String text(@Nullable ExecutionStatus status) {
        return status == null ? "-" : status.wireName();
    }
}
