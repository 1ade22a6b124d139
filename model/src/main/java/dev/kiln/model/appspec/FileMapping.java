package dev.kiln.model.appspec;

/**
 * One entry of {@code files}: a file or folder of the revision and the folder it is copied into.
 *
 * @param source relative to the revision's root; a file is copied into {@code destination}, a folder's contents are
 *     copied recursively, {@code /} copies the whole revision
 * @param destination an absolute folder on the host
 * @param line where the entry is written, for messages
 */
public record FileMapping(String source, String destination, int line) {
    /** The source without leading or trailing slashes: empty for the whole revision. */
    public String sourcePath() {
        String s = source.strip();
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.equals(".") ? "" : s;
    }
}
