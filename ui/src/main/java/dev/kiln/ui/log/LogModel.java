package dev.kiln.ui.log;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A job's log as the Log page holds it: every line, CodeBuild's phases as sections (from an {@code Entering phase}
 * line to its {@code Phase complete} line), which sections are folded, and so which lines show. Not thread-safe: the
 * page changes it under its UI's lock.
 */
public final class LogModel {
    private static final Pattern ENTERING = Pattern.compile(
            "^\\[Container\\] (\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}) Entering phase (\\w+)");
    private static final Pattern COMPLETE = Pattern.compile(
            "^\\[Container\\] (\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}) Phase complete: (\\w+) State: (\\w+)");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSS");

    /**
     * A phase.
     *
     * @param start the line it is entered on (its header)
     * @param end the line it completes on, -1 while it runs
     * @param phase its name ({@code BUILD})
     * @param state its state once complete ({@code SUCCEEDED}), empty while it runs
     * @param took how long it took, null while it runs
     */
    public record Section(
            int start,
            int end,
            String phase,
            String state,
            @Nullable Duration took) {
        boolean holds(int line) {
            return line > start && (end < 0 || line <= end);
        }
    }

    private final List<String> lines = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();
    private final Set<Integer> folded = new HashSet<>();
    private final List<Integer> shown = new ArrayList<>();
    private @Nullable LocalDateTime openedAt;

    /** Adds lines printed next. */
    public void add(List<String> more) {
        for (String line : more) {
            int index = lines.size();
            lines.add(line);
            read(index, line);
            if (!hidden(index)) {
                shown.add(index);
            }
        }
    }

    private void read(int index, String line) {
        if (!line.startsWith("[Container] ")) {
            return;
        }
        Matcher entering = ENTERING.matcher(line);
        if (entering.find()) {
            sections.add(new Section(index, -1, entering.group(2), "", null));
            openedAt = time(entering.group(1));
            return;
        }
        Matcher complete = COMPLETE.matcher(line);
        if (complete.find() && !sections.isEmpty()) {
            Section open = sections.get(sections.size() - 1);
            if (open.end() < 0 && open.phase().equals(complete.group(2))) {
                LocalDateTime done = time(complete.group(1));
                Duration took = openedAt == null || done == null ? Duration.ZERO : Duration.between(openedAt, done);
                sections.set(
                        sections.size() - 1, new Section(open.start(), index, open.phase(), complete.group(3), took));
            }
        }
    }

    private static @Nullable LocalDateTime time(String text) {
        try {
            return LocalDateTime.parse(text, TIME);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private boolean hidden(int line) {
        for (int i = sections.size() - 1; i >= 0; i--) {
            Section s = sections.get(i);
            if (s.holds(line)) {
                return folded.contains(s.start());
            }
            if (s.start() < line && s.end() >= 0 && s.end() < line) {
                return false;
            }
        }
        return false;
    }

    /** How many lines there are. */
    public int lineCount() {
        return lines.size();
    }

    /** Line {@code index} (from 0). */
    public String line(int index) {
        return lines.get(index);
    }

    /** The lines that show, as line indexes in order: the page's rows. Live: it grows as lines are added. */
    public List<Integer> shown() {
        return shown;
    }

    /** The section a line is the header of. */
    public Optional<Section> headerAt(int line) {
        for (Section s : sections) {
            if (s.start() == line) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The phases seen so far. */
    public List<Section> sections() {
        return List.copyOf(sections);
    }

    /** Whether a section is folded. */
    public boolean isFolded(int header) {
        return folded.contains(header);
    }

    /** Folds or unfolds the section whose header is {@code header}. */
    public void toggle(int header) {
        if (!folded.remove(header)) {
            folded.add(header);
        }
        reshow();
    }

    /** Unfolds whatever hides {@code line}, and answers its row. */
    public int reveal(int line) {
        for (Section s : sections) {
            if (s.holds(line)) {
                folded.remove(s.start());
            }
        }
        reshow();
        int row = java.util.Collections.binarySearch(shown, line);
        return row < 0 ? -row - 1 : row;
    }

    private void reshow() {
        shown.clear();
        for (int i = 0; i < lines.size(); i++) {
            if (!hidden(i)) {
                shown.add(i);
            }
        }
    }

    /** The lines holding {@code text} (any case, colours ignored), in order. */
    public List<Integer> find(String text) {
        List<Integer> found = new ArrayList<>();
        if (text.isEmpty()) {
            return found;
        }
        String wanted = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lines.size(); i++) {
            if (Ansi.plain(lines.get(i)).toLowerCase(Locale.ROOT).contains(wanted)) {
                found.add(i);
            }
        }
        return found;
    }
}
