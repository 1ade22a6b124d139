package dev.kiln.kit.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

class KilnLoggingTest {
    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @org.junit.jupiter.api.BeforeEach
    void useTheProcessDiagnosticContext() {
        context.setMDCAdapter(MDC.getMDCAdapter());
    }

    @AfterEach
    void stop() {
        MDC.clear();
        context.stop();
    }

    @Test
    void json_lines_carry_the_thread_context_and_the_events_key_values_as_fields() throws IOException {
        KilnLogging.apply(context, LogSettings.from(Map.of("KILN_LOG_FORMAT", "json")), out);
        context.putProperty("agent_name", "builder-7");
        Logger events = context.getLogger("kiln.agent.build");
        MDC.put("run", "r-1");
        MDC.put("job", "j-2");
        events.info("job j-2: Succeeded");
        MDC.clear();
        events.atInfo()
                .addKeyValue("pipeline", "web")
                .addKeyValue("status", "Failed")
                .log("run r-1 of web Failed");
        context.getLogger("org.example.Library").info("not said: libraries say warnings only");
        context.getLogger("org.example.Library").warn("the disk is slow", new IllegalStateException("slow disk"));
        KilnLogging.flush(context); // writes what is queued

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(3);
        JsonNode first = lines.get(0);
        assertThat(first.path("message").asText()).isEqualTo("job j-2: Succeeded");
        assertThat(first.path("logger_name").asText()).isEqualTo("kiln.agent.build");
        assertThat(first.path("level").asText()).isEqualTo("INFO");
        assertThat(first.path("run").asText()).isEqualTo("r-1");
        assertThat(first.path("job").asText()).isEqualTo("j-2");
        assertThat(first.path("agent_name").asText()).isEqualTo("builder-7");
        assertThat(first.path("@timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*");
        assertThat(first.has("@version")).isFalse();
        JsonNode second = lines.get(1);
        assertThat(second.path("pipeline").asText()).isEqualTo("web");
        assertThat(second.path("status").asText()).isEqualTo("Failed");
        assertThat(second.has("job")).as("the context was cleared").isFalse();
        JsonNode third = lines.get(2);
        assertThat(third.path("level").asText()).isEqualTo("WARN");
        assertThat(third.path("stack_trace").asText()).contains("IllegalStateException: slow disk");
    }

    @Test
    void text_says_kiln_events_after_the_time_and_who_and_libraries_with_their_level() {
        KilnLogging.apply(context, LogSettings.from(Map.of()), out);
        context.getLogger("kiln.agent.build").info("connected");
        context.getLogger("org.example.Library").info("not said");
        context.getLogger("org.example.Library").error("broken");
        KilnLogging.flush(context); // writes what is queued

        String[] text = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(text).hasSize(2);
        assertThat(text[0]).matches("\\[\\d\\d:\\d\\d:\\d\\d] kiln agent build: connected");
        assertThat(text[1]).matches("\\[\\d\\d:\\d\\d:\\d\\d] ERROR org.example.Library: broken");
    }

    @Test
    void a_more_verbose_level_reaches_kiln_events_too_and_a_quieter_one_keeps_them() {
        KilnLogging.apply(context, LogSettings.from(Map.of("KILN_LOG_LEVEL", "DEBUG")), out);
        assertThat(context.getLogger("kiln.orchestrator").isDebugEnabled()).isTrue();
        assertThat(context.getLogger("org.example.Library").isDebugEnabled()).isTrue();
        assertThat(context.getLogger("org.example.Library").isTraceEnabled()).isFalse();

        KilnLogging.apply(context, LogSettings.from(Map.of("KILN_LOG_LEVEL", "error")), out);
        assertThat(context.getLogger("kiln.orchestrator").isInfoEnabled()).isTrue();
        assertThat(context.getLogger("org.example.Library").isWarnEnabled()).isFalse();
    }

    @Test
    void values_it_cannot_use_are_said_once_logging_works_and_the_defaults_used() throws IOException {
        LogSettings settings = LogSettings.from(Map.of("KILN_LOG_FORMAT", "xml", "KILN_LOG_LEVEL", "loud"));
        assertThat(settings.json()).isFalse();
        assertThat(settings.level()).isEqualTo(Level.WARN);
        KilnLogging.apply(context, settings, out);
        KilnLogging.flush(context);

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("kiln logging: KILN_LOG_FORMAT=xml is not a log format: set text or json");
        assertThat(text).contains("kiln logging: KILN_LOG_LEVEL=loud is not a log level: set one of error, warn");
        assertThat(LogSettings.from(Map.of("KILN_LOG_FORMAT", " JSON ")).json()).isTrue();
    }

    @Test
    void java_util_logging_reaches_the_same_place() {
        KilnLogging.apply(context, LogSettings.from(Map.of("KILN_LOG_FORMAT", "json")), out);
        // the bridge hands records to SLF4J (the process's logback), in place of the console handler
        assertThat(java.util.logging.Logger.getLogger("").getHandlers())
                .singleElement()
                .isInstanceOf(org.slf4j.bridge.SLF4JBridgeHandler.class);
        assertThat(java.util.logging.Logger.getLogger("org.example.Jul").isLoggable(java.util.logging.Level.INFO))
                .as("levels follow logback's (warn)")
                .isFalse();
        assertThat(java.util.logging.Logger.getLogger("org.example.Jul").isLoggable(java.util.logging.Level.WARNING))
                .isTrue();
    }

    @Test
    void event_loggers_are_named_from_who_says_them() {
        assertThat(KilnLogging.events("kiln agent deploy").getName()).isEqualTo("kiln.agent.deploy");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KilnLogging.events("builder"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("starts with kiln");
    }

    private List<JsonNode> lines() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void a_thread_that_logs_never_waits_for_a_stuck_terminal_and_a_stop_writes_what_was_queued() throws Exception {
        java.util.concurrent.CountDownLatch stuck = new java.util.concurrent.CountDownLatch(1);
        java.io.OutputStream terminal = new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    stuck.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                out.write(b, off, len);
            }
        };
        KilnLogging.apply(context, LogSettings.from(Map.of()), terminal);
        Thread eventLoop = new Thread(() -> {
            for (int i = 0; i < 100; i++) {
                context.getLogger("kiln.orchestrator").info("line {}", i);
            }
        });
        eventLoop.start();
        eventLoop.join(10_000);
        assertThat(eventLoop.isAlive()).as("logging waited for the terminal").isFalse();

        stuck.countDown();
        KilnLogging.flush(context);
        assertThat(out.toString(StandardCharsets.UTF_8).lines())
                .hasSize(100)
                .last()
                .asString()
                .endsWith("line 99");
    }
}
