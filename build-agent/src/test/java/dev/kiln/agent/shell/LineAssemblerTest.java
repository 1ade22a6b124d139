package dev.kiln.agent.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineAssemblerTest {
    private final List<String> lines = new ArrayList<>();
    private final List<String> markers = new ArrayList<>();
    private final LineAssembler assembler =
            new LineAssembler("n0nce", lines::add, (id, v) -> markers.add(id + "=" + v));

    private void feed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assembler.feed(bytes, 0, bytes.length);
    }

    @Test
    void splits_lines_across_chunks_and_drops_carriage_returns() {
        feed("hel");
        feed("lo\r\nwor");
        feed("ld\n");

        assertThat(lines).containsExactly("hello", "world");
    }

    @Test
    void a_marker_after_output_without_newline_ends_that_output_as_a_line() {
        feed("partial\u001eKILN:n0nce:4:3:0\u001e\nnext\n");

        assertThat(lines).containsExactly("partial", "next");
        assertThat(markers).containsExactly("4=3:0");
    }

    @Test
    void a_marker_with_another_nonce_is_plain_output() {
        feed("\u001eKILN:forged:1:0:0\u001e\n");

        assertThat(markers).isEmpty();
        assertThat(lines).containsExactly("\u001eKILN:forged:1:0:0\u001e");
    }

    @Test
    void utf8_split_across_chunks_survives() {
        byte[] bytes = "héllo ✓\n".getBytes(StandardCharsets.UTF_8);
        assembler.feed(bytes, 0, 2);
        assembler.feed(bytes, 2, bytes.length - 2);

        assertThat(lines).containsExactly("héllo ✓");
    }

    @Test
    void an_endless_line_is_cut_rather_than_held() {
        byte[] chunk = new byte[LineAssembler.MAX_LINE_BYTES + 10];
        java.util.Arrays.fill(chunk, (byte) 'x');
        assembler.feed(chunk, 0, chunk.length);
        assembler.finish();

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).hasSize(LineAssembler.MAX_LINE_BYTES);
    }
}
