package dev.kiln.agent.engine;

import dev.kiln.agent.shell.OutputSink;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A build's log: CodeBuild's {@code [Container] yyyy/MM/dd HH:mm:ss.SSS message} lines for the engine's own
 * messages, and command output as it is. Thread-safe; lines go to the consumer in order.
 */
public final class BuildLog implements OutputSink {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private final Consumer<String> lines;
    private final Clock clock;
    private long count;
    private UnaryOperator<String> mask = UnaryOperator.identity();

    /** A log that hands each line to {@code lines}. */
    public BuildLog(Consumer<String> lines, Clock clock) {
        this.lines = lines;
        this.clock = clock;
    }

    /** An engine message: {@code [Container] <time> <message>}. */
    public synchronized void container(String message) {
        emit("[Container] " + TIME.format(clock.instant()) + " " + message);
    }

    /** A line of command output. */
    @Override
    public synchronized void line(String text, boolean stderr) {
        emit(text);
    }

    /** From now on every line passes through {@code mask} (secret values become {@code ***}). */
    public synchronized void mask(UnaryOperator<String> mask) {
        this.mask = mask;
    }

    /** How many lines were written. */
    public synchronized long lineCount() {
        return count;
    }

    private void emit(String line) {
        count++;
        lines.accept(mask.apply(line));
    }
}
