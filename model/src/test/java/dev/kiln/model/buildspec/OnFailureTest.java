package dev.kiln.model.buildspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OnFailureTest {

    @Test
    void plain_modes() {
        assertThat(OnFailure.parse("ABORT").mode()).isEqualTo(OnFailure.Mode.ABORT);
        assertThat(OnFailure.parse("CONTINUE").mode()).isEqualTo(OnFailure.Mode.CONTINUE);
    }

    @Test
    void retry_defaults_to_three_retries_matching_anything() {
        OnFailure retry = OnFailure.parse("RETRY");
        assertThat(retry.retries()).isEqualTo(3);
        assertThat(retry.retryPattern().orElseThrow().matcher("any\nthing").matches())
                .isTrue();
    }

    @Test
    void retry_with_count_regex_or_both() {
        assertThat(OnFailure.parse("RETRY-7").retries()).isEqualTo(7);
        OnFailure regex = OnFailure.parse("RETRY-.*timeout.*");
        assertThat(regex.retries()).isEqualTo(3);
        assertThat(regex.retryPattern().orElseThrow().pattern()).isEqualTo(".*timeout.*");
        OnFailure both = OnFailure.parse("RETRY-0-exit status 1.*");
        assertThat(both.retries()).isZero();
        assertThat(both.retryPattern().orElseThrow().pattern()).isEqualTo("exit status 1.*");
        assertThat(OnFailure.parse("RETRY-2-a-b").retryPattern().orElseThrow().pattern())
                .isEqualTo("a-b");
    }

    @Test
    void bad_forms_say_what_is_allowed() {
        assertThatThrownBy(() -> OnFailure.parse("retry")).hasMessageContaining("RETRY-<count>");
        assertThatThrownBy(() -> OnFailure.parse("RETRY-101")).hasMessageContaining("between 0 and 100");
        assertThatThrownBy(() -> OnFailure.parse("RETRY-1-")).hasMessageContaining("regular expression");
        assertThatThrownBy(() -> OnFailure.parse("RETRY-(")).hasMessageContaining("not a valid regular");
    }
}
