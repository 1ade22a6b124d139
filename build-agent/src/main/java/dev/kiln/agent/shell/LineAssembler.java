package dev.kiln.agent.shell;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Splits one output stream into lines and recognises the driver's end-of-command markers, which may follow output
 * that has no final newline. Not thread-safe: one per stream, fed from one thread.
 */
final class LineAssembler {
    /** A line longer than this is cut, so a stream with no newline cannot exhaust memory. */
    static final int MAX_LINE_BYTES = 256 * 1024;

    private static final byte RS = 0x1e;
    private final byte[] markerPrefix;
    private final Consumer<String> lines;
    private final BiConsumer<String, String> markers;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    /**
     * @param nonce the build's nonce
     * @param lines receives each output line
     * @param markers receives (command id, "exit:oom") for each marker
     */
    LineAssembler(String nonce, Consumer<String> lines, BiConsumer<String, String> markers) {
        this.markerPrefix = ("\u001eKILN:" + nonce + ":").getBytes(StandardCharsets.US_ASCII);
        this.lines = lines;
        this.markers = markers;
    }

    void feed(byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = data[i];
            if (b == '\n') {
                endLine();
            } else {
                buffer.write(b);
                if (buffer.size() >= MAX_LINE_BYTES) {
                    emit(buffer.toByteArray(), buffer.size());
                    buffer.reset();
                }
            }
        }
    }

    /** Emits what is left at the end of the stream. */
    void finish() {
        if (buffer.size() > 0) {
            emit(buffer.toByteArray(), buffer.size());
            buffer.reset();
        }
    }

    private void endLine() {
        byte[] bytes = buffer.toByteArray();
        buffer.reset();
        int markerAt = bytes.length > 0 && bytes[bytes.length - 1] == RS ? indexOf(bytes, markerPrefix) : -1;
        if (markerAt < 0) {
            emit(bytes, bytes.length);
            return;
        }
        if (markerAt > 0) {
            emit(bytes, markerAt);
        }
        String body = new String(
                bytes,
                markerAt + markerPrefix.length,
                bytes.length - 1 - markerAt - markerPrefix.length,
                StandardCharsets.US_ASCII);
        int colon = body.indexOf(':');
        if (colon > 0) {
            markers.accept(body.substring(0, colon), body.substring(colon + 1));
        }
    }

    private void emit(byte[] bytes, int length) {
        int end = length;
        if (end > 0 && bytes[end - 1] == '\r') {
            end--;
        }
        lines.accept(new String(bytes, 0, end, StandardCharsets.UTF_8));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
