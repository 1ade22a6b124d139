package dev.kiln.cli.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test class during which a Vert.x event loop or worker was blocked past Vert.x's limit (its blocked-thread
 * checker's warning): the orchestrator's and the UI's event loops must never wait. Registered for every test class
 * of this module (junit-platform.properties turns on extension autodetection).
 */
public final class BlockedThreadGuard implements BeforeAllCallback, AfterAllCallback {
    private static final String CHECKER = "io.vertx.core.impl.BlockedThreadChecker";
    private static final List<String> SEEN = new CopyOnWriteArrayList<>();

    static {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            AppenderBase<ILoggingEvent> recorder = new AppenderBase<>() {
                @Override
                protected void append(ILoggingEvent event) {
                    SEEN.add(event.getFormattedMessage());
                }
            };
            recorder.setContext(context);
            recorder.setName("blocked-thread-guard");
            recorder.start();
            Logger checker = context.getLogger(CHECKER);
            checker.addAppender(recorder);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        SEEN.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!SEEN.isEmpty()) {
            List<String> seen = List.copyOf(SEEN);
            SEEN.clear();
            throw new AssertionError(
                    "an event loop was blocked during " + context.getDisplayName() + ": " + String.join("; ", seen));
        }
    }
}
