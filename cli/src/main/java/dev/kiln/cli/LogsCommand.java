package dev.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kiln logs RUN [--action NAME] [--follow]}. */
@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        description = {
            "Print the logs of a run's actions, in the order they ran.",
            "With --follow, keep printing until the run ends."
        })
final class LogsCommand implements Callable<Integer> {
    @Mixin
    ClientOptions options;

    @Parameters(paramLabel = "RUN")
    String run;

    @Option(names = "--action", description = "Only this action's log (name, or stage/name).")
    String action;

    @Option(
            names = {"-f", "--follow"},
            description = "Follow new lines until the run ends.")
    boolean follow;

    @Override
    public Integer call() throws InterruptedException {
        ApiClient client = options.client();
        boolean json = options.json();
        Map<String, Long> printed = new HashMap<>();
        Set<String> done = new HashSet<>();
        while (true) {
            JsonNode found = client.get("/api/v1/runs/" + run);
            boolean runEnded =
                    !found.path("endTime").isNull() && !found.path("endTime").isMissingNode();
            for (JsonNode job : client.get("/api/v1/runs/" + run + "/jobs")) {
                String name =
                        job.path("stage").asText() + "/" + job.path("action").asText();
                if (action != null && !action.equals(job.path("action").asText()) && !action.equals(name)
                        || done.contains(job.path("id").asText())) {
                    continue;
                }
                String id = job.path("id").asText();
                long from = printed.getOrDefault(id, 0L);
                if (from == 0 && !json) {
                    System.out.println(
                            "==> " + name + " (attempt " + job.path("attempt").asInt() + ", job " + id + ")");
                }
                JsonNode log;
                do {
                    log = client.get("/api/v1/jobs/" + id + "/log?from=" + from);
                    for (JsonNode line : log.path("lines")) {
                        System.out.println(
                                json
                                        ? ApiClient.JSON
                                                .createObjectNode()
                                                .put("action", name)
                                                .put("line", line.asText())
                                        : line.asText());
                    }
                    from = log.path("next").asLong();
                } while (!log.path("lines").isEmpty());
                printed.put(id, from);
                if (log.path("ended").asBoolean()) {
                    done.add(id);
                }
            }
            if (!follow || runEnded) {
                return 0;
            }
            Thread.sleep(500);
        }
    }
}
