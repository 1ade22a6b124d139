package dev.kiln.deploy.revision;

import dev.kiln.model.appspec.AppSpec;
import dev.kiln.model.appspec.FileMapping;
import dev.kiln.model.appspec.Permission;
import dev.kiln.model.glob.Glob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What Install does on a host, worked out from the appspec and the revision's paths: the folders to make, the files
 * to copy (revision path to absolute destination), and the permission changes, each on named paths only.
 * Immutable.
 *
 * @param folders destination folders, parents first
 * @param files destination file to revision path, in order
 * @param changes permission changes: each a command name ({@code chmod}, {@code chown}, {@code chgrp},
 *     {@code setfacl -m}) with its argument, and the paths it applies to
 */
public record InstallPlan(List<String> folders, Map<String, String> files, List<Change> changes) {

    /** One permission change. */
    public record Change(String command, String argument, List<String> paths) {
        public Change {
            paths = List.copyOf(paths);
        }
    }

    public InstallPlan {
        folders = List.copyOf(folders);
        files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
        changes = List.copyOf(changes);
    }

    /**
     * The plan of an appspec over a revision's paths.
     *
     * @throws InvalidRevisionException when a {@code files} source is not in the revision, or a file's name holds a
     *     line break, tab or NUL (the install script lists files one a line, tab-separated)
     */
    public static InstallPlan of(AppSpec spec, SortedMap<String, Boolean> entries) {
        java.util.Set<String> folders = new java.util.LinkedHashSet<>();
        Map<String, String> files = new LinkedHashMap<>();
        for (FileMapping m : spec.files()) {
            String source = m.sourcePath();
            String destination = trimSlash(m.destination());
            Boolean folder = source.isEmpty() ? Boolean.TRUE : entries.get(source);
            if (folder == null) {
                throw new InvalidRevisionException(
                        spec.file() + ":" + m.line() + ": files source '" + m.source() + "' is not in the revision");
            }
            addFolder(folders, destination);
            if (!folder) {
                files.put(destination + "/" + name(source), source);
                continue;
            }
            String prefix = source.isEmpty() ? "" : source + "/";
            for (Map.Entry<String, Boolean> e :
                    entries.subMap(prefix, prefix + Character.MAX_VALUE).entrySet()) {
                String target = destination + "/" + e.getKey().substring(prefix.length());
                if (e.getValue()) {
                    addFolder(folders, target);
                } else {
                    files.put(target, e.getKey());
                }
            }
        }
        for (Map.Entry<String, String> f : files.entrySet()) {
            for (String name : List.of(f.getKey(), f.getValue())) {
                if (name.chars().anyMatch(c -> c == '\n' || c == '\r' || c == '\t' || c == 0)) {
                    throw new InvalidRevisionException("the revision's file '"
                            + name.replaceAll("[\\n\\r\\t\\x00]", "?")
                            + "' has a line break, tab or NUL in its name, which a deployment does not install;"
                            + " rename it");
                }
            }
        }
        return new InstallPlan(List.copyOf(folders), files, changes(spec, folders, files));
    }

    private static List<Change> changes(AppSpec spec, java.util.Set<String> folders, Map<String, String> files) {
        List<Change> out = new ArrayList<>();
        for (Permission p : spec.permissions()) {
            List<String> paths = new ArrayList<>();
            String object = trimSlash(p.object());
            if (p.types().contains(Permission.Type.DIRECTORY)) {
                folders.stream().filter(f -> applies(p, object, f)).forEach(paths::add);
            }
            if (p.types().contains(Permission.Type.FILE)) {
                files.keySet().stream().filter(f -> applies(p, object, f)).forEach(paths::add);
            }
            if (paths.isEmpty()) {
                continue;
            }
            p.owner().ifPresent(o -> out.add(new Change("chown", o, paths)));
            p.group().ifPresent(g -> out.add(new Change("chgrp", g, paths)));
            p.mode().ifPresent(m -> out.add(new Change("chmod", m, paths)));
            p.acls().forEach(a -> out.add(new Change("setfacl -m", a, paths)));
        }
        return out;
    }

    private static boolean applies(Permission p, String object, String path) {
        if (path.equals(object)) {
            return p.except().stream().noneMatch(x -> x.equals(path));
        }
        if (!path.startsWith(object + "/")) {
            return false;
        }
        String relative = path.substring(object.length() + 1);
        if (!Glob.compile(p.pattern()).matches(relative)) {
            return false;
        }
        return p.except().stream()
                .noneMatch(x -> x.startsWith("/")
                        ? path.equals(trimSlash(x)) || path.startsWith(trimSlash(x) + "/")
                        : Glob.compile(x).matches(relative));
    }

    private static void addFolder(java.util.Set<String> folders, String folder) {
        if (!folder.isEmpty()) {
            folders.add(folder);
        }
    }

    private static String name(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    private static String trimSlash(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
