package dev.kiln.agent.shell;

/** Receives a command's output, one line at a time, without its line terminator. */
@FunctionalInterface
public interface OutputSink {
    /** One line of output; {@code stderr} tells which stream it came from. */
    void line(String text, boolean stderr);
}
