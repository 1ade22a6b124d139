package dev.kiln.model.appspec;

import dev.kiln.model.lint.Problems;
import dev.kiln.model.yaml.Located;
import dev.kiln.model.yaml.MappingReader;
import dev.kiln.model.yaml.Suggestions;
import dev.kiln.model.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Lints an {@code appspec.yml} (CodeDeploy's server format, version 0.0) and compiles it into an {@link AppSpec}.
 * Reports every problem at once, each with the file, line, column and key. Stateless and thread-safe.
 */
public final class AppSpecParser {
    /** The names CodeDeploy looks for at a revision's root, in order. */
    public static final List<String> FILE_NAMES = List.of("appspec.yml", "appspec.yaml");

    private AppSpecParser() {}

    /** Parses appspec text; {@code file} names it in problems. */
    public static ParsedAppSpec parse(String file, String text) {
        Problems problems = new Problems(file);
        Optional<Node> root = YamlDocument.compose(text, problems);
        if (root.isEmpty()) {
            return new ParsedAppSpec(Optional.empty(), problems.report());
        }
        MappingReader top = MappingReader.of(root.get(), "", problems);
        if (!top.isMapping()) {
            return new ParsedAppSpec(Optional.empty(), problems.report());
        }
        top.allowOnly("version", "os", "files", "file_exists_behavior", "permissions", "hooks");
        version(top);
        os(top);
        List<FileMapping> files = files(top, problems);
        Optional<FileExistsBehavior> behavior = fileExistsBehavior(top);
        List<Permission> permissions = PermissionReader.read(top, problems);
        Map<LifecycleEvent, List<Hook>> hooks = hooks(top, problems);
        if (problems.hasErrors()) {
            return new ParsedAppSpec(Optional.empty(), problems.report());
        }
        return new ParsedAppSpec(
                Optional.of(new AppSpec(file, files, behavior, permissions, hooks)), problems.report());
    }

    private static void version(MappingReader top) {
        if (!top.has("version")) {
            top.requireKey("version", "missing 'version': an appspec starts with 'version: 0.0'");
            return;
        }
        String text = top.string("version").orElse("");
        if (!text.equals("0.0")) {
            top.error("version", "must be 0.0 (the only appspec version), found '" + text + "'");
        }
    }

    private static void os(MappingReader top) {
        if (!top.has("os")) {
            top.requireKey("os", "missing 'os': add 'os: linux'");
            return;
        }
        String os = top.string("os").orElse("");
        if (os.equals("windows")) {
            top.error("os", "Kiln deploys to Linux hosts over SSH; 'windows' is not supported");
        } else if (!os.equals("linux")) {
            top.error("os", "must be linux, found '" + os + "'");
        }
    }

    private static List<FileMapping> files(MappingReader top, Problems problems) {
        List<FileMapping> out = new ArrayList<>();
        List<Node> items = top.items("files", "a list");
        for (int i = 0; i < items.size(); i++) {
            MappingReader entry = MappingReader.of(items.get(i), top.child("files") + "[" + i + "]", problems);
            if (!entry.isMapping()) {
                continue;
            }
            entry.allowOnly("source", "destination");
            entry.requireKey("source", "a files entry needs a 'source' (a path in the revision, or /)");
            entry.requireKey("destination", "a files entry needs a 'destination' (an absolute folder)");
            Optional<String> source = entry.string("source");
            Optional<String> destination = entry.string("destination");
            if (source.isPresent() && source.get().contains("..")) {
                entry.error("source", "must stay inside the revision: '..' is not allowed");
            }
            if (destination.isPresent() && !destination.get().startsWith("/")) {
                entry.error("destination", "must be an absolute folder, found '" + destination.get() + "'");
            }
            if (source.isPresent() && destination.isPresent()) {
                out.add(new FileMapping(source.get(), destination.get(), YamlDocument.line(items.get(i))));
            }
        }
        return out;
    }

    private static Optional<FileExistsBehavior> fileExistsBehavior(MappingReader top) {
        Optional<String> text = top.string("file_exists_behavior");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        List<String> names =
                Arrays.stream(FileExistsBehavior.values()).map(Enum::name).toList();
        String upper = text.get().toUpperCase(java.util.Locale.ROOT);
        if (names.contains(upper)) {
            return Optional.of(FileExistsBehavior.valueOf(upper));
        }
        top.error("file_exists_behavior", "must be DISALLOW, OVERWRITE or RETAIN, found '" + text.get() + "'");
        return Optional.empty();
    }

    private static Map<LifecycleEvent, List<Hook>> hooks(MappingReader top, Problems problems) {
        Map<LifecycleEvent, List<Hook>> out = new EnumMap<>(LifecycleEvent.class);
        Optional<MappingReader> hooks = top.mapping("hooks");
        if (hooks.isEmpty()) {
            return out;
        }
        MappingReader h = hooks.get();
        for (String name : h.keys()) {
            Optional<LifecycleEvent> event = LifecycleEvent.byWord(name);
            if (event.isEmpty()) {
                h.error(
                        name,
                        "unknown lifecycle event"
                                + Suggestions.closest(name, LifecycleEvent.words())
                                        .map(s -> "; did you mean '" + s + "'?")
                                        .orElse("; use ApplicationStop, BeforeInstall, AfterInstall,"
                                                + " ApplicationStart or ValidateService"));
                continue;
            }
            if (!event.get().scriptable()) {
                h.error(name, name + " is run by the agent itself and takes no scripts");
                continue;
            }
            if (event.get().needsLoadBalancer()) {
                h.warning(
                        name,
                        name + " runs only behind a load balancer; Kiln environments have none, so it is" + " skipped");
            }
            List<Hook> scripts = scripts(h, name, problems);
            int total = scripts.stream().mapToInt(Hook::timeoutSeconds).sum();
            if (total > Hook.MAX_SECONDS) {
                h.error(
                        name,
                        "the timeouts of " + name + "'s scripts add up to " + total
                                + " s; an event may take at most 3600 s");
            }
            out.put(event.get(), scripts);
        }
        return out;
    }

    private static List<Hook> scripts(MappingReader hooks, String name, Problems problems) {
        List<Hook> out = new ArrayList<>();
        List<Node> items = hooks.items(name, "a list");
        for (int i = 0; i < items.size(); i++) {
            MappingReader s = MappingReader.of(items.get(i), hooks.child(name) + "[" + i + "]", problems);
            if (!s.isMapping()) {
                continue;
            }
            s.allowOnly("location", "timeout", "runas");
            s.requireKey("location", "a hook needs a 'location': the script's path in the revision");
            Optional<String> location = s.string("location");
            int timeout = s.integer("timeout", 1, Hook.MAX_SECONDS).orElse(Hook.MAX_SECONDS);
            Optional<String> runas = s.string("runas");
            runas.filter(u -> !u.matches("[a-z_][a-z0-9_.-]*\\$?"))
                    .ifPresent(u -> s.error("runas", "'" + u + "' is not a user name"));
            location.ifPresent(l -> out.add(new Hook(l, timeout, runas)));
        }
        return out;
    }

    static List<String> values(List<Located<String>> located) {
        return located.stream().map(Located::value).toList();
    }
}
