package dev.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** Runs as text for people. */
final class RunText {
    private RunText() {}

    static String line(JsonNode run) {
        String revision = run.path("sourceRevision").asText();
        return String.format(
                "%-6s %-16s %-11s %-8s %s  %s",
                run.path("id").asText(),
                run.path("pipeline").asText(),
                run.path("status").asText(),
                run.path("trigger").asText(),
                revision.length() > 10 ? revision.substring(0, 10) : revision,
                run.path("startTime").asText());
    }

    static void print(JsonNode run) {
        System.out.println("run " + run.path("id").asText() + " of "
                + run.path("pipeline").asText() + ": " + run.path("status").asText());
        if (!run.path("message").asText().isEmpty()) {
            System.out.println("  " + run.path("message").asText().replace("\n", "\n  "));
        }
        System.out.println("  commit " + run.path("sourceRevision").asText()
                + (run.path("ref").isTextual() ? " (" + run.path("ref").asText() + ")" : "")
                + ", " + run.path("trigger").asText());
        for (JsonNode stage : run.path("stages")) {
            System.out.println("  " + stage.path("name").asText() + ": " + text(stage.path("status")));
            for (JsonNode action : stage.path("actions")) {
                String message = action.path("message").asText();
                System.out.println("    " + action.path("name").asText() + ": " + text(action.path("status"))
                        + (message.isEmpty() ? "" : " - " + message.replace("\n", "\n      ")));
            }
        }
    }

    private static String text(JsonNode status) {
        return status.isNull() || status.isMissingNode() ? "-" : status.asText();
    }
}
