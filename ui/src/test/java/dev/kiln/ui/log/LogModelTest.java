package dev.kiln.ui.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogModelTest {
    private static final List<String> LOG = List.of(
            "[Container] 2026/12/01 10:00:00.000 Running on agent a1",
            "[Container] 2026/12/01 10:00:00.100 Entering phase INSTALL",
            "installing",
            "[Container] 2026/12/01 10:00:01.600 Phase complete: INSTALL State: SUCCEEDED",
            "[Container] 2026/12/01 10:00:01.700 Entering phase BUILD",
            "compiling",
            "\u001b[31mERROR\u001b[0m: it broke",
            "[Container] 2026/12/01 10:01:05.700 Phase complete: BUILD State: FAILED");

    @Test
    void phases_become_sections_with_state_and_duration() {
        LogModel model = new LogModel();
        model.add(LOG);
        assertThat(model.sections())
                .containsExactly(
                        new LogModel.Section(1, 3, "INSTALL", "SUCCEEDED", Duration.ofMillis(1500)),
                        new LogModel.Section(4, 7, "BUILD", "FAILED", Duration.ofSeconds(64)));
        assertThat(model.shown()).hasSize(8);
    }

    @Test
    void a_folded_section_hides_its_lines_and_lines_added_to_it_while_it_runs() {
        LogModel model = new LogModel();
        model.add(LOG.subList(0, 6));
        assertThat(model.sections().get(1).end()).isEqualTo(-1);
        model.toggle(4);
        assertThat(model.shown()).containsExactly(0, 1, 2, 3, 4);
        model.add(LOG.subList(6, 8));
        assertThat(model.shown()).containsExactly(0, 1, 2, 3, 4);
        model.toggle(1);
        assertThat(model.shown()).containsExactly(0, 1, 4);
        assertThat(model.reveal(6)).isEqualTo(4);
        assertThat(model.shown()).containsExactly(0, 1, 4, 5, 6, 7);
    }

    @Test
    void search_ignores_case_and_colours() {
        LogModel model = new LogModel();
        model.add(LOG);
        assertThat(model.find("error: it")).containsExactly(6);
        assertThat(model.find("phase")).containsExactly(1, 3, 4, 7);
        assertThat(model.find("")).isEmpty();
    }
}
