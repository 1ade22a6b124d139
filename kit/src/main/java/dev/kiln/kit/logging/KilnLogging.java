package dev.kiln.kit.logging;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
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
 * {@code job}, {@code agent}, ...). {@code java.util.logging} is routed into the same place. Events go through a queue
 * (an event loop never waits for the terminal), written out by {@link #flush()} at a clean stop.
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
            root.addAppender(async(context, appender(context, "json", encoder, out)));
        } else {
            // one queue for both looks, so that lines keep the order they were said in
            root.addAppender(async(context, appender(context, "text", textEncoder(context), out)));
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

    /** Events queued before a full queue drops them (rather than block the thread that logs). */
    static final int QUEUE = 8192;

    /**
     * Writes the events queued so far and stops logging: the last thing a process does at a clean stop, so that no
     * line said before it is lost. Does nothing when logback is not the logger.
     */
    public static void flush() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            flush(context);
        }
    }

    /** Writes what {@code context}'s queues hold; what is logged afterwards is written at once. */
    static void flush(LoggerContext context) {
        for (Logger logger : context.getLoggerList()) {
            for (java.util.Iterator<ch.qos.logback.core.Appender<ILoggingEvent>> it = logger.iteratorForAppenders();
                    it.hasNext(); ) {
                if (it.next() instanceof AsyncAppender async) {
                    // a stopped queue drains first; its target stays, written to directly from now on
                    async.stop();
                    java.util.Iterator<ch.qos.logback.core.Appender<ILoggingEvent>> targets =
                            async.iteratorForAppenders();
                    logger.detachAppender(async);
                    targets.forEachRemaining(logger::addAppender);
                }
            }
        }
    }

    /**
     * {@code target} behind a queue: the thread that logs (an event loop) never waits for standard error; a full
     * queue drops what comes (never blocks), and a stop ({@link #flush()}) writes what is queued.
     */
    private static AsyncAppender async(LoggerContext context, OutputStreamAppender<ILoggingEvent> target) {
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName(target.getName() + "-async");
        async.setQueueSize(QUEUE);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(true);
        async.setMaxFlushTime(5000);
        async.addAppender(target);
        async.start();
        return async;
    }

    /** Kiln's events as {@code [12:00:00] kiln agent build: ...}, other loggers' with their level and name. */
    private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
        PatternLayout events = layout(context, "[%d{HH:mm:ss}] %replace(%logger){'\\.', ' '}: %msg%n");
        PatternLayout others = layout(context, "[%d{HH:mm:ss}] %-5level %logger{36}: %msg%n");
        LayoutBase<ILoggingEvent> layout = new LayoutBase<>() {
            @Override
            public String doLayout(ILoggingEvent event) {
                String name = event.getLoggerName();
                return (name.equals(EVENTS) || name.startsWith(EVENTS + ".") ? events : others).doLayout(event);
            }
        };
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }

    private static PatternLayout layout(LoggerContext context, String pattern) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(pattern);
        layout.start();
        return layout;
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
