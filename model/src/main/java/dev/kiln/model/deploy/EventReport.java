package dev.kiln.model.deploy;

import dev.kiln.model.api.LifecycleStatus;

/**
 * How one lifecycle event went on one host.
 *
 * @param event the event in CodeDeploy's words ({@code BeforeInstall}, ...)
 * @param status {@code Pending}, {@code InProgress}, {@code Succeeded}, {@code Failed} or {@code Skipped}
 * @param errorCode for a failure: {@code ScriptFailed}, {@code ScriptTimedOut}, {@code ScriptMissing},
 *     {@code ScriptNotExecutable} or {@code UnknownError}; else empty
 * @param message what happened, in a line, or empty
 * @param millis how long it took
 */
public record EventReport(String event, LifecycleStatus status, String errorCode, String message, long millis) {}
