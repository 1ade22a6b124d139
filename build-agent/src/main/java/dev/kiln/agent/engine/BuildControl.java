package dev.kiln.agent.engine;

import dev.kiln.agent.backend.BuildEnvironment;
import dev.kiln.model.build.StatusType;
import org.jspecify.annotations.Nullable;

/**
 * Stops a running build from another thread: a stop request (Ctrl-C, SIGTERM, StopBuild) or its timeout. Either
 * kills the build's environment at once, so a waiting command returns. Thread-safe.
 */
public final class BuildControl {
    private @Nullable StatusType reason;
    private @Nullable BuildEnvironment environment;

    /** Requests a stop: the build ends STOPPED. */
    public void stop() {
        end(StatusType.STOPPED);
    }

    /** The build ran past its timeout: it ends TIMED_OUT. */
    void timeout() {
        end(StatusType.TIMED_OUT);
    }

    private void end(StatusType why) {
        BuildEnvironment target;
        synchronized (this) {
            if (reason != null) {
                return;
            }
            reason = why;
            target = environment;
        }
        if (target != null) {
            target.kill();
        }
    }

    /** STOPPED or TIMED_OUT once the build was ended from outside; null otherwise. */
    public synchronized @Nullable StatusType reason() {
        return reason;
    }

    /** Registers the environment to kill; kills it at once if the build was already ended. */
    void attach(BuildEnvironment env) {
        boolean killNow;
        synchronized (this) {
            environment = env;
            killNow = reason != null;
        }
        if (killNow) {
            env.kill();
        }
    }
}
