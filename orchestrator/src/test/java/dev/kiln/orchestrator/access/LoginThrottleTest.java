package dev.kiln.orchestrator.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Failed logins counted per address and name, on a clock the test moves. */
class LoginThrottleTest {
    private Instant now = Instant.parse("2026-12-07T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void ten_failures_for_a_name_pause_that_name_from_that_address_only() {
        for (int i = 0; i < LoginThrottle.PER_NAME; i++) {
            assertThat(throttle.pause("10.0.0.1", "ann")).isEmpty();
            throttle.failed("10.0.0.1", "ann");
        }
        assertThat(throttle.pause("10.0.0.1", "ann")).hasValue(LoginThrottle.WINDOW.toSeconds());
        assertThat(throttle.pause("10.0.0.1", "bob")).isEmpty();
        assertThat(throttle.pause("10.0.0.2", "ann")).isEmpty();

        now = now.plus(Duration.ofMinutes(4));
        assertThat(throttle.pause("10.0.0.1", "ann")).hasValue(60);
        now = now.plus(Duration.ofMinutes(1));
        assertThat(throttle.pause("10.0.0.1", "ann")).isEmpty();
    }

    @Test
    void many_names_from_one_address_pause_the_address() {
        for (int i = 0; i < LoginThrottle.PER_ADDRESS; i++) {
            throttle.failed("10.0.0.1", "user" + i);
        }
        assertThat(throttle.pause("10.0.0.1", "someone else")).isPresent();
        assertThat(throttle.pause("10.0.0.3", "someone else")).isEmpty();
    }

    @Test
    void a_success_clears_the_name_and_old_failures_stop_counting() {
        for (int i = 0; i < LoginThrottle.PER_NAME - 1; i++) {
            throttle.failed("10.0.0.1", "ann");
        }
        throttle.succeeded("10.0.0.1", "ann");
        throttle.failed("10.0.0.1", "ann");
        assertThat(throttle.pause("10.0.0.1", "ann")).isEmpty();

        for (int i = 0; i < LoginThrottle.PER_NAME - 1; i++) {
            throttle.failed("10.0.0.1", "bob");
        }
        now = now.plus(LoginThrottle.WINDOW);
        throttle.failed("10.0.0.1", "bob");
        assertThat(throttle.pause("10.0.0.1", "bob")).isEmpty();
    }

    @Test
    void what_it_remembers_is_bounded() {
        for (int i = 0; i < LoginThrottle.TRACKED * 2; i++) {
            throttle.failed("10.1." + (i / 256) + "." + (i % 256), "x");
        }
        for (int i = 0; i < LoginThrottle.PER_NAME; i++) {
            throttle.failed("10.0.0.1", "ann");
        }
        assertThat(throttle.tracked()).isLessThanOrEqualTo(LoginThrottle.TRACKED);
        assertThat(throttle.pause("10.0.0.1", "ann")).isPresent();
    }
}
