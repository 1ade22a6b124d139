package dev.kiln.kit.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the log sender cuts what was printed into batches. */
class LogShipperTest {
    @Test
    void a_batch_holds_at_most_a_thousand_lines() {
        assertThat(LogShipper.batchEnd(Collections.nCopies(2500, "a line"))).isEqualTo(1000);
        assertThat(LogShipper.batchEnd(Collections.nCopies(7, "a line"))).isEqualTo(7);
        assertThat(LogShipper.batchEnd(List.of())).isZero();
    }

    @Test
    void a_batch_stays_under_its_size_in_characters_and_always_holds_one_line() {
        String wide = "x".repeat(256 * 1024);
        List<String> lines = new ArrayList<>(Collections.nCopies(20, wide));
        int end = LogShipper.batchEnd(lines);
        assertThat(end).isEqualTo(LogShipper.MAX_BATCH_CHARS / wide.length());
        assertThat((long) end * wide.length()).isLessThanOrEqualTo(LogShipper.MAX_BATCH_CHARS);
        assertThat(LogShipper.batchEnd(List.of("y".repeat(LogShipper.MAX_BATCH_CHARS + 1), "z")))
                .isEqualTo(1);
    }
}
