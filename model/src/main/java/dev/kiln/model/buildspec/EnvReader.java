package dev.kiln.model.buildspec;

import dev.kiln.model.yaml.Located;
import dev.kiln.model.yaml.MappingReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads and checks the {@code env} section. */
final class EnvReader {
    private static final Set<String> LINUX_SHELLS = Set.of("sh", "/bin/sh", "bash", "/bin/bash");
    private static final Set<String> WINDOWS_SHELLS = Set.of("powershell.exe", "cmd.exe", "pwsh", "pwsh.exe");

    private EnvReader() {}

    static BuildspecEnv read(MappingReader root) {
        Optional<MappingReader> section = root.mapping("env");
        if (section.isEmpty()) {
            return BuildspecEnv.EMPTY;
        }
        MappingReader env = section.get();
        env.allowOnly(
                "shell",
                "variables",
                "parameter-store",
                "secrets-manager",
                "exported-variables",
                "git-credential-helper");
        Optional<String> shell = env.string("shell");
        if (shell.isPresent()) {
            String s = shell.get().toLowerCase(Locale.ROOT);
            if (WINDOWS_SHELLS.contains(s)) {
                env.error("shell", "'" + shell.get() + "' is a Windows shell; Kiln runs Linux builds: use sh or bash");
            } else if (!LINUX_SHELLS.contains(s)) {
                env.error("shell", "must be sh, /bin/sh, bash or /bin/bash; found '" + shell.get() + "'");
            }
        }
        Map<String, String> variables = variables(env, "variables");
        Map<String, String> parameters = variables(env, "parameter-store");
        Map<String, String> secrets = variables(env, "secrets-manager");
        List<Located<String>> exported = env.stringList("exported-variables");
        for (Located<String> name : exported) {
            if (!Names.isShellVariable(name.value())) {
                env.problems()
                        .error(
                                name.line(),
                                name.column(),
                                env.child("exported-variables"),
                                "'" + name.value() + "' is not a valid variable name");
            } else if (name.value().startsWith("AWS_")) {
                env.problems()
                        .error(
                                name.line(),
                                name.column(),
                                env.child("exported-variables"),
                                "'" + name.value() + "': names starting with AWS_ cannot be exported");
            }
        }
        boolean helper = env.bool("git-credential-helper").orElse(false);
        return new BuildspecEnv(
                shell,
                variables,
                parameters,
                secrets,
                exported.stream().map(Located::value).toList(),
                helper);
    }

    private static Map<String, String> variables(MappingReader env, String key) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Located<String>> e : env.stringMap(key).entrySet()) {
            String name = e.getKey();
            Located<String> at = e.getValue();
            String path = env.child(key) + "." + name;
            if (!Names.isShellVariable(name)) {
                env.problems().error(at.line(), at.column(), path, "not a valid variable name (letters, digits and _)");
            } else if (name.startsWith("CODEBUILD_")) {
                env.problems()
                        .error(
                                at.line(),
                                at.column(),
                                path,
                                "names starting with CODEBUILD_ are reserved for the build");
            }
            out.put(name, e.getValue().value());
        }
        return out;
    }
}
