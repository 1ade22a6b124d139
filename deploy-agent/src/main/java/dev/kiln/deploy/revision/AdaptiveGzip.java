package dev.kiln.deploy.revision;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A gzip stream that compresses (fastest level) only what is worth it: entries that were already compressed in the
 * revision (archives, images, binaries) go as stored deflate blocks, which costs a copy instead of a second,
 * fruitless pass.
 */
final class AdaptiveGzip extends GZIPOutputStream {
    AdaptiveGzip(OutputStream out) throws IOException {
        super(out, 1 << 16);
        def.setLevel(Deflater.BEST_SPEED);
    }

    /** Whether what comes next is compressed; takes effect from the next block. */
    void compress(boolean worthIt) {
        def.setLevel(worthIt ? Deflater.BEST_SPEED : Deflater.NO_COMPRESSION);
    }
}
