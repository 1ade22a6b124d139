package dev.kiln.model.buildspec;

import dev.kiln.model.build.PhaseType;
import dev.kiln.model.yaml.Located;
import dev.kiln.model.yaml.MappingReader;
import dev.kiln.model.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads and checks {@code phases}. */
final class PhaseReader {
    private static final String[] PHASE_KEYS = {"install", "pre_build", "build", "post_build"};

    private PhaseReader() {}

    static List<Phase> read(MappingReader root, BuildspecVersion version) {
        if (!root.has("phases") || root.isNull("phases")) {
            root.requireKey("phases", "missing 'phases': a buildspec needs at least one phase with commands");
            if (root.has("phases")) {
                root.error("phases", "'phases' is empty: add at least one phase with commands");
            }
            return List.of();
        }
        Optional<MappingReader> section = root.mapping("phases");
        if (section.isEmpty()) {
            return List.of();
        }
        MappingReader phases = section.get();
        phases.allowOnly(PHASE_KEYS);
        List<Phase> out = new ArrayList<>();
        for (String key : PHASE_KEYS) {
            if (!phases.has(key)) {
                continue;
            }
            PhaseType type = PhaseType.fromBuildspecKey(key).orElseThrow();
            if (phases.isNull(key)) {
                phases.error(key, "empty phase: give it 'commands' or remove it");
                continue;
            }
            phases.mapping(key).ifPresent(p -> out.add(readPhase(p, type, version)));
        }
        if (out.isEmpty() && phases.keys().isEmpty()) {
            root.error("phases", "'phases' is empty: add at least one phase with commands");
        }
        return out;
    }

    private static Phase readPhase(MappingReader phase, PhaseType type, BuildspecVersion version) {
        boolean allKnown = phase.allowOnly("run-as", "on-failure", "runtime-versions", "commands", "finally");
        Optional<String> runAs = phase.string("run-as");
        Optional<OnFailure> onFailure = Optional.empty();
        Optional<String> onFailureText = phase.string("on-failure");
        if (onFailureText.isPresent()) {
            try {
                onFailure = Optional.of(OnFailure.parse(onFailureText.get()));
            } catch (IllegalArgumentException e) {
                phase.error("on-failure", String.valueOf(e.getMessage()));
            }
        }
        Map<String, String> runtimes = new LinkedHashMap<>();
        if (phase.has("runtime-versions")) {
            if (type != PhaseType.INSTALL) {
                phase.error("runtime-versions", "runtime-versions is only allowed in the install phase");
            }
            phase.stringMap("runtime-versions").forEach((k, v) -> runtimes.put(k, v.value()));
        }
        List<Command> commands = commands(phase, "commands");
        List<Command> finallyCommands = commands(phase, "finally");
        if (commands.isEmpty() && !phase.has("commands")) {
            if (!finallyCommands.isEmpty()) {
                phase.error("finally", "'finally' needs 'commands' in the same phase");
            } else if (runtimes.isEmpty() && allKnown) {
                phase.problems()
                        .error(
                                YamlDocument.line(phase.node()),
                                YamlDocument.column(phase.node()),
                                phase.path(),
                                "empty phase: give it 'commands' or remove it");
            }
        } else if (commands.isEmpty() && phase.isNull("commands")) {
            phase.error("commands", "empty 'commands': list at least one command or remove the key");
        }
        if (version == BuildspecVersion.V0_1 && (phase.has("finally") || phase.has("on-failure"))) {
            phase.warning(
                    phase.has("finally") ? "finally" : "on-failure",
                    "version 0.1 buildspecs are run with their own semantics; use version: 0.2 for finally and"
                            + " on-failure");
        }
        return new Phase(type, runAs, onFailure, runtimes, commands, finallyCommands);
    }

    private static List<Command> commands(MappingReader phase, String key) {
        List<Command> out = new ArrayList<>();
        Optional<Node> value = phase.value(key);
        if (value.isPresent() && !MappingReader.isNullNode(value.get()) && !isSequence(value.get())) {
            phase.error(key, "expected a list of commands (each item starting with '- ')");
            return out;
        }
        for (Located<String> item : phase.stringList(key)) {
            if (item.value().isBlank()) {
                phase.problems().error(item.line(), item.column(), phase.child(key), "empty command");
            } else {
                out.add(new Command(item.value(), item.line()));
            }
        }
        return out;
    }

    private static boolean isSequence(Node node) {
        return node instanceof org.snakeyaml.engine.v2.nodes.SequenceNode;
    }
}
