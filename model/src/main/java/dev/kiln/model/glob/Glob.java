package dev.kiln.model.glob;

import java.util.regex.Pattern;

/**
 * One CodeBuild path glob. {@code **} spans any number of directories (including none, so {@code **}{@code /*}
 * matches top-level files too), {@code *} and {@code ?} stay within one name. A pattern that names a directory
 * also selects everything under it. Immutable.
 */
public final class Glob {
    private final String text;
    private final Pattern pattern;

    private Glob(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    /** Compiles a glob; a leading {@code ./} is ignored. */
    public static Glob compile(String glob) {
        String g = glob.trim();
        while (g.startsWith("./")) {
            g = g.substring(2);
        }
        if (g.endsWith("/")) {
            g = g + "**/*";
        }
        StringBuilder regex = new StringBuilder();
        String[] segments = g.split("/", -1);
        for (int s = 0; s < segments.length; s++) {
            String segment = segments[s];
            boolean last = s == segments.length - 1;
            if (segment.equals("**")) {
                regex.append(last ? ".*" : "(?:[^/]+/)*");
                continue;
            }
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                switch (c) {
                    case '*' -> regex.append("[^/]*");
                    case '?' -> regex.append("[^/]");
                    default -> regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            if (!last) {
                regex.append('/');
            }
        }
        return new Glob(glob, Pattern.compile(regex.toString()));
    }

    /**
     * Whether a whole name matches, with no directory rule: for branch and tag names, where {@code release/*}
     * matches {@code release/1.0} but not {@code release/1.0/fix}, and {@code main} only {@code main}.
     */
    public boolean matchesWhole(String name) {
        return pattern.matcher(name).matches();
    }

    /** Whether a file's path (relative, with {@code /}) is selected. */
    public boolean matches(String path) {
        if (pattern.matcher(path).matches()) {
            return true;
        }
        int slash = path.indexOf('/');
        while (slash > 0) {
            if (pattern.matcher(path.substring(0, slash)).matches()) {
                return true;
            }
            slash = path.indexOf('/', slash + 1);
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
