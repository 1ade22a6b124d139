package dev.kiln.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Live streams are counted: past the limit a new one is refused until one closes. */
class StreamSlotsTest {
    @Test
    void past_the_limit_a_stream_is_refused_until_one_is_given_back() {
        StreamSlots slots = new StreamSlots(2);

        assertThat(slots.take()).isTrue();
        assertThat(slots.take()).isTrue();
        assertThat(slots.take()).as("the third of two").isFalse();
        slots.give();
        assertThat(slots.take()).isTrue();
        assertThat(slots.open()).isEqualTo(2);
    }
}
