package dev.kiln.ui.log;

import java.util.ArrayList;
import java.util.List;

/**
 * ANSI escape sequences in a log line, read into runs of text with CSS classes: SGR bold, faint, italic, underline,
 * the 8 + 8 foreground and background colours; every other escape sequence is dropped. Text stays text: the page
 * shows it through Lit's text bindings, never as HTML.
 */
public final class Ansi {
    private static final char ESC = '\u001b';

    /**
     * A run of text and its classes ({@code ab af31 ag42}: bold, red text, green background), empty classes for
     * plain text.
     */
    public record Run(String classes, String text) {}

    private Ansi() {}

    /** The line's runs, in order; a line without escapes is one plain run. */
    public static List<Run> runs(String line) {
        List<Run> runs = new ArrayList<>();
        if (line.indexOf(ESC) < 0) {
            runs.add(new Run("", line));
            return runs;
        }
        Style style = new Style();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c != ESC) {
                text.append(c);
                i++;
                continue;
            }
            int end = sequenceEnd(line, i);
            if (end > i + 2 && line.charAt(i + 1) == '[' && line.charAt(end - 1) == 'm') {
                if (text.length() > 0) {
                    runs.add(new Run(style.classes(), text.toString()));
                    text.setLength(0);
                }
                style.apply(line.substring(i + 2, end - 1));
            }
            i = end;
        }
        if (text.length() > 0 || runs.isEmpty()) {
            runs.add(new Run(style.classes(), text.toString()));
        }
        return runs;
    }

    /** The line without escape sequences, for search. */
    public static String plain(String line) {
        if (line.indexOf(ESC) < 0) {
            return line;
        }
        StringBuilder out = new StringBuilder();
        runs(line).forEach(r -> out.append(r.text()));
        return out.toString();
    }

    /** Where the escape sequence at {@code start} ends (exclusive). */
    private static int sequenceEnd(String line, int start) {
        if (start + 1 >= line.length()) {
            return line.length();
        }
        char kind = line.charAt(start + 1);
        if (kind == '[') {
            int i = start + 2;
            while (i < line.length() && (line.charAt(i) < 0x40 || line.charAt(i) > 0x7e)) {
                i++;
            }
            return Math.min(line.length(), i + 1);
        }
        if (kind == ']') {
            int bell = line.indexOf('\u0007', start);
            int st = line.indexOf(ESC + "\\", start + 2);
            int end = bell < 0 ? st < 0 ? line.length() : st + 2 : st < 0 ? bell + 1 : Math.min(bell + 1, st + 2);
            return end;
        }
        return start + 2;
    }

    private static final class Style {
        boolean bold;
        boolean faint;
        boolean italic;
        boolean underline;
        int foreground = -1;
        int background = -1;

        void apply(String parameters) {
            String[] codes = parameters.isEmpty() ? new String[] {"0"} : parameters.split(";", -1);
            for (int i = 0; i < codes.length; i++) {
                int code = codes[i].isEmpty() ? 0 : parse(codes[i]);
                if (code == 0) {
                    bold = faint = italic = underline = false;
                    foreground = background = -1;
                } else if (code == 1) {
                    bold = true;
                } else if (code == 2) {
                    faint = true;
                } else if (code == 3) {
                    italic = true;
                } else if (code == 4) {
                    underline = true;
                } else if (code == 22) {
                    bold = faint = false;
                } else if (code == 23) {
                    italic = false;
                } else if (code == 24) {
                    underline = false;
                } else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) {
                    foreground = code;
                } else if (code == 39) {
                    foreground = -1;
                } else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) {
                    background = code;
                } else if (code == 49) {
                    background = -1;
                } else if (code == 38 || code == 48) {
                    // 256-colour and true-colour forms: skipped with their arguments, shown in the default colour
                    i += i + 1 < codes.length && "5".equals(codes[i + 1]) ? 2 : 4;
                }
            }
        }

        private static int parse(String code) {
            try {
                return Integer.parseInt(code);
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        String classes() {
            StringBuilder out = new StringBuilder();
            add(out, bold, "ab");
            add(out, faint, "ad");
            add(out, italic, "ai");
            add(out, underline, "au");
            add(out, foreground >= 0, "af" + foreground);
            add(out, background >= 0, "ag" + background);
            return out.toString();
        }

        private static void add(StringBuilder out, boolean on, String name) {
            if (on) {
                if (out.length() > 0) {
                    out.append(' ');
                }
                out.append(name);
            }
        }
    }
}
