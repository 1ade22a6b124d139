package dev.kiln.kit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EngineRaceTest {

    private static RuntimeException race() {
        return new IllegalStateException(
                "Status 500: {\"cause\":\"could not find any cgroup in \\\"/proc/15888/cgroup\\\"\"}");
    }

    @Test
    void the_cgroup_race_is_tried_again_until_the_call_answers() {
        AtomicInteger calls = new AtomicInteger();
        String answer = EngineRace.retrying(() -> {
            if (calls.incrementAndGet() < 3) {
                throw race();
            }
            return "listed";
        });
        assertThat(answer).isEqualTo("listed");
        assertThat(calls).hasValue(3);
    }

    @Test
    void other_failures_reach_the_caller_at_once() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> EngineRace.retrying(() -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("Status 404: no such container");
                }))
                .hasMessageContaining("no such container");
        assertThat(calls).hasValue(1);
    }

    @Test
    void a_race_that_does_not_pass_fails_after_the_last_try() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> EngineRace.retrying(() -> {
                    calls.incrementAndGet();
                    throw race();
                }))
                .hasMessageContaining("could not find any cgroup");
        assertThat(calls).hasValue(EngineRace.TRIES);
    }

    @Test
    void the_races_are_recognised_in_a_cause() {
        assertThat(EngineRace.isPassingRace(new RuntimeException("start failed", race())))
                .isTrue();
        assertThat(EngineRace.isPassingRace(new IllegalStateException("Status 500: {\"cause\":\"container state"
                        + " improper\",\"message\":\"cannot remove container d5 as it could not be stopped\"}")))
                .isTrue();
        assertThat(EngineRace.isPassingRace(new RuntimeException("start failed")))
                .isFalse();
    }
}
