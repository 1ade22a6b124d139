package dev.kiln.agent.engine;

import dev.kiln.kit.SecretMasker;
import dev.kiln.model.build.Build;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code env.exported-variables}: read from the build's shell after POST_BUILD, masked, for the Build object. An
 * unset variable exports as the empty string.
 */
final class ExportStage {
    private ExportStage() {}

    static List<Build.ExportedVariable> export(List<String> names, CommandRunner commands, SecretMasker masker) {
        if (names.isEmpty()) {
            return List.of();
        }
        StringBuilder script = new StringBuilder();
        for (String name : names) {
            script.append("printf '\\036%s\\036%s' \"${")
                    .append(name)
                    .append("+1}\" \"$")
                    .append(name)
                    .append("\"\n");
        }
        script.append("printf '\\036\\n'\n");
        Optional<String> output = commands.capture(script.toString());
        if (output.isEmpty()) {
            return List.of();
        }
        String[] parts = output.get().split("\u001e", -1);
        List<Build.ExportedVariable> values = new ArrayList<>();
        for (int i = 0; i < names.size() && 2 + 2 * i < parts.length; i++) {
            values.add(new Build.ExportedVariable(names.get(i), masker.apply(parts[2 + 2 * i])));
        }
        return List.copyOf(values);
    }
}
