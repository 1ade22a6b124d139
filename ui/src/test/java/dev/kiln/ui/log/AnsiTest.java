package dev.kiln.ui.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnsiTest {
    @Test
    void plain_text_is_one_plain_run() {
        assertThat(Ansi.runs("<b>hello</b>")).containsExactly(new Ansi.Run("", "<b>hello</b>"));
    }

    @Test
    void colours_and_bold_become_classes_until_reset() {
        assertThat(Ansi.runs("\u001b[1;31mERROR\u001b[0m: \u001b[42mok\u001b[49m done"))
                .containsExactly(
                        new Ansi.Run("ab af31", "ERROR"),
                        new Ansi.Run("", ": "),
                        new Ansi.Run("ag42", "ok"),
                        new Ansi.Run("", " done"));
    }

    @Test
    void other_sequences_are_dropped_and_extended_colours_skip_their_arguments() {
        assertThat(Ansi.plain("\u001b[2K\u001b[1Gprogress \u001b]0;title\u0007100%"))
                .isEqualTo("progress 100%");
        assertThat(Ansi.runs("\u001b[38;5;196mred\u001b[38;2;1;2;3m rgb"))
                .containsExactly(new Ansi.Run("", "red"), new Ansi.Run("", " rgb"));
    }

    @Test
    void a_broken_sequence_at_the_end_loses_nothing_before_it() {
        assertThat(Ansi.plain("text\u001b[")).isEqualTo("text");
        assertThat(Ansi.plain("text\u001b")).isEqualTo("text");
    }
}
