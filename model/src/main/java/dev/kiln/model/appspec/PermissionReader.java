package dev.kiln.model.appspec;

import dev.kiln.model.lint.Problems;
import dev.kiln.model.yaml.MappingReader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads {@code permissions}. */
final class PermissionReader {
    private PermissionReader() {}

    static List<Permission> read(MappingReader top, Problems problems) {
        List<Permission> out = new ArrayList<>();
        List<Node> items = top.items("permissions", "a list");
        for (int i = 0; i < items.size(); i++) {
            MappingReader p = MappingReader.of(items.get(i), top.child("permissions") + "[" + i + "]", problems);
            if (!p.isMapping()) {
                continue;
            }
            p.allowOnly("object", "pattern", "except", "owner", "group", "mode", "acls", "context", "type");
            p.requireKey("object", "a permissions entry needs an 'object': the installed file or folder");
            Optional<String> object = p.string("object");
            object.filter(o -> !o.startsWith("/"))
                    .ifPresent(o -> p.error("object", "must be an absolute path, found '" + o + "'"));
            Optional<String> mode = p.string("mode");
            mode.filter(m -> !m.matches("[0-7]{3,4}"))
                    .ifPresent(m -> p.error("mode", "must be an octal mode such as 644 or 0755, found '" + m + "'"));
            if (p.has("context")) {
                p.warning("context", "SELinux contexts are not set by Kiln; this entry's other settings apply");
            }
            Set<Permission.Type> types = types(p);
            List<String> acls = AppSpecParser.values(p.stringList("acls"));
            if (object.isPresent()) {
                out.add(new Permission(
                        object.get(),
                        p.string("pattern").orElse("**"),
                        AppSpecParser.values(p.stringList("except")),
                        p.string("owner"),
                        p.string("group"),
                        mode,
                        acls,
                        types));
            }
        }
        return out;
    }

    private static Set<Permission.Type> types(MappingReader p) {
        Set<Permission.Type> types = EnumSet.noneOf(Permission.Type.class);
        for (var t : p.stringList("type")) {
            switch (t.value()) {
                case "file" -> types.add(Permission.Type.FILE);
                case "directory" -> types.add(Permission.Type.DIRECTORY);
                default ->
                    p.problems()
                            .error(
                                    t.line(),
                                    t.column(),
                                    p.child("type"),
                                    "must be file or directory, found '" + t.value() + "'");
            }
        }
        return types.isEmpty() ? EnumSet.allOf(Permission.Type.class) : types;
    }
}
