package dev.kiln.cli;

import dev.kiln.client.KilnClient;
import dev.kiln.model.api.Job;
import dev.kiln.model.api.LogPage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
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
    @Nullable
    String action;

    @Option(
            names = {"-f", "--follow"},
            description = "Follow new lines until the run ends.")
    boolean follow;

    private static final int PAGE = 10_000;

    /**
     * A line as {@code --output json} prints it (JSON Lines).
     *
     * @param action {@code stage/action}
     * @param line the line
     */
    record Line(String action, String line) {}

    @Override
    public Integer call() throws InterruptedException {
        KilnClient client = options.client();
        boolean json = options.json();
        Map<String, Long> printed = new HashMap<>();
        Set<String> done = new HashSet<>();
        while (true) {
            boolean runEnded = client.run(run).endTime() != null;
            for (Job job : client.jobs(run)) {
                String name = job.stage() + "/" + job.action();
                if ((action != null && !action.equals(job.action()) && !action.equals(name))
                        || done.contains(job.id())) {
                    continue;
                }
                String id = job.id();
                long from = printed.getOrDefault(id, 0L);
                if (from == 0 && !json) {
                    System.out.println("==> " + name + " (attempt " + job.attempt() + ", job " + id + ")");
                }
                LogPage log;
                do {
                    log = client.log(id, from, PAGE);
                    for (String line : log.lines()) {
                        System.out.println(json ? KilnClient.toJsonLine(new Line(name, line)) : line);
                    }
                    from = log.next();
                } while (!log.lines().isEmpty());
                printed.put(id, from);
                if (log.ended()) {
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
