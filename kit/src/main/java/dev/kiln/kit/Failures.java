package dev.kiln.kit;

/** What a failure says, for logs, reports and results. */
public final class Failures {
    private Failures() {}

    /** The exception's message, or its kind when it has none. */
    public static String message(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
