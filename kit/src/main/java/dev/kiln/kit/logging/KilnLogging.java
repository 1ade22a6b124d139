package dev.kiln.kit.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.io.OutputStream;
import net.logstash.logback.encoder.LogstashEncoder;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Configures logback for a Kiln process from its environment ({@link LogSettings}); logback finds it through
 * {@code ServiceLoader} when nothing else configures it (a {@code logback.xml} named by
 * {@code -Dlogback.configurationFile} still wins).
 *
 * <p>Text: Kiln's events ({@code kiln.*} loggers, what a server, an agent or the orchestrator does) as
 * {@code [12:00:00] kiln agent build: job 7: Succeeded}, everything else with its level and logger, on standard
 * error. JSON: one object a line on standard error, with {@code @timestamp}, {@code level}, {@code logger_name},
 * {@code message}, the thread's diagnostic context and the event's key-value pairs as fields ({@code run},
 * {@code job}, {@code agent}, ...). {@code java.util.logging} is routed into the same place.
 */
@ConfiguratorRank(ConfiguratorRank.NOMINAL)
public final class KilnLogging extends ContextAwareBase implements Configurator {
    /** The parent of Kiln's event loggers. */
    public static final String EVENTS = "kiln";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        apply(context, LogSettings.from(System.getenv()), null);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Sets up {@code context} as {@code settings} say, writing to {@code out} (null: standard error), and says the
     * settings' problems as warnings.
     */
    public static void apply(LoggerContext context, LogSettings settings, @Nullable OutputStream out) {
        context.reset();
        LevelChangePropagator julLevels = new LevelChangePropagator();
        julLevels.setContext(context);
        julLevels.setResetJUL(true);
        julLevels.start();
        context.addListener(julLevels);

        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(settings.level());
        Logger events = context.getLogger(EVENTS);
        events.setLevel(settings.eventLevel());
        if (settings.json()) {
            LogstashEncoder encoder = new LogstashEncoder();
            encoder.setContext(context);
            encoder.getFieldNames().setVersion("[ignore]");
            encoder.getFieldNames().setLevelValue("[ignore]");
            encoder.start();
            root.addAppender(appender(context, "json", encoder, out));
        } else {
            root.addAppender(
                    appender(context, "text", pattern(context, "[%d{HH:mm:ss}] %-5level %logger{36}: %msg%n"), out));
            events.addAppender(appender(
                    context, "events", pattern(context, "[%d{HH:mm:ss}] %replace(%logger){'\\.', ' '}: %msg%n"), out));
            events.setAdditive(false);
        }
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        if (!context.isStarted()) {
            context.start();
        }
        settings.problems().forEach(context.getLogger(EVENTS + ".logging")::warn);
    }

    /**
     * The logger of {@code who}'s events, as {@code kiln agent build} (logger {@code kiln.agent.build}): said at info
     * whatever {@code KILN_LOG_LEVEL} is, as {@code [12:00:00] kiln agent build: MESSAGE} in text.
     */
    public static org.slf4j.Logger events(String who) {
        String name = who.strip().replace(' ', '.');
        if (!name.equals(EVENTS) && !name.startsWith(EVENTS + ".")) {
            throw new IllegalArgumentException("an event logger's name starts with kiln: " + who);
        }
        return LoggerFactory.getLogger(name);
    }

    /** Whether this process logs JSON lines ({@code KILN_LOG_FORMAT=json}). */
    public static boolean json() {
        return LogSettings.from(System.getenv()).json();
    }

    /**
     * Adds a field to every event of this process from now on (as {@code agent} once an agent knows its name); does
     * nothing when logback is not the logger.
     */
    public static void identify(String field, String value) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.putProperty(field, value);
        }
    }

    private static PatternLayoutEncoder pattern(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }

    private static OutputStreamAppender<ILoggingEvent> appender(
            LoggerContext context, String name, Encoder<ILoggingEvent> encoder, @Nullable OutputStream out) {
        OutputStreamAppender<ILoggingEvent> appender;
        if (out == null) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget("System.err");
            appender = console;
        } else {
            appender = new OutputStreamAppender<>();
        }
        appender.setContext(context);
        appender.setName(name);
        appender.setEncoder(encoder);
        if (out != null) {
            appender.setOutputStream(out);
        }
        appender.start();
        return appender;
    }
}
