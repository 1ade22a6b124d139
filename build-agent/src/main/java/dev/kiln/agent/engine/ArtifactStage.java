package dev.kiln.agent.engine;

import dev.kiln.agent.AgentException;
import dev.kiln.agent.artifact.ArtifactPackager;
import dev.kiln.agent.backend.BuildEnvironment;
import dev.kiln.kit.Failures;
import dev.kiln.kit.KitException;
import dev.kiln.kit.TempTrees;
import dev.kiln.kit.store.ArtifactStore;
import dev.kiln.model.build.Build;
import dev.kiln.model.build.PhaseContext;
import dev.kiln.model.build.StatusType;
import dev.kiln.model.buildspec.ArtifactSet;
import dev.kiln.model.buildspec.Artifacts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** UPLOAD_ARTIFACTS: evaluates names in the build's shell, selects files and stores them as ZIPs or as they are. */
final class ArtifactStage {
    private final BuildEnvironment env;
    private final CommandRunner commands;
    private final BuildLog log;
    private final Optional<ArtifactStore> store;
    private final ArtifactSettings.Packaging packaging;
    private final @Nullable String namespace;
    private Build.@Nullable BuildArtifacts primary;

    ArtifactStage(
            BuildEnvironment env,
            CommandRunner commands,
            BuildLog log,
            ArtifactSettings settings,
            @Nullable String namespace) {
        this.env = env;
        this.commands = commands;
        this.log = log;
        this.store = settings.store();
        this.packaging = settings.packaging();
        this.namespace = namespace;
    }

    Build.@Nullable BuildArtifacts primary() {
        return primary;
    }

    PhaseOutcome upload(Optional<Artifacts> artifacts) {
        if (artifacts.isEmpty()) {
            return PhaseOutcome.SUCCEEDED;
        }
        if (store.isEmpty()) {
            log.container("No artifact location is configured; artifacts are not uploaded");
            return PhaseOutcome.SUCCEEDED;
        }
        try {
            primary = pack(artifacts.get().primary(), null);
            for (Map.Entry<String, ArtifactSet> secondary :
                    artifacts.get().secondary().entrySet()) {
                pack(secondary.getValue(), secondary.getKey());
            }
            return PhaseOutcome.SUCCEEDED;
        } catch (KitException e) {
            StatusType status = "CLIENT_ERROR".equals(e.statusCode()) ? StatusType.FAILED : StatusType.FAULT;
            return new PhaseOutcome(status, new PhaseContext(e.statusCode(), Failures.message(e)), "");
        } catch (IOException e) {
            return PhaseOutcome.of(StatusType.FAULT, "ARTIFACT_ERROR", "cannot write artifacts: " + e.getMessage());
        }
    }

    private Build.BuildArtifacts pack(ArtifactSet set, @Nullable String identifier) throws IOException {
        String base = set.baseDirectory().orElse(".");
        String root = env.sourceDirectory() + (base.equals(".") || base.isEmpty() ? "" : "/" + base);
        log.container("Expanding base directory path: " + base);
        log.container("Assembling file list");
        log.container("Expanding " + base);
        log.container("Expanding file paths for base directory " + base);
        log.container("Assembling file list");
        for (String glob : set.files()) {
            log.container("Expanding " + glob);
        }
        String name =
                identifier != null ? identifier : set.name().map(this::evaluate).orElse("");
        String key = packaging == ArtifactSettings.Packaging.ZIP
                ? ArtifactPackager.zipKey(name)
                : ArtifactPackager.folderKey(name);
        if (namespace != null) {
            key = namespace + "/" + key;
        }
        if (set.s3Prefix().isPresent()) {
            key = set.s3Prefix().get().replaceAll("^/+|/+$", "") + "/" + key;
        }
        if (packaging == ArtifactSettings.Packaging.NONE) {
            return uploadFiles(root, set, key, identifier);
        }
        Path zip = Files.createTempFile("kiln-artifact", ".zip");
        try {
            Build.BuildArtifacts packed;
            try (InputStream tree = env.readTree(root)) {
                packed = ArtifactPackager.pack(tree, set, zip, identifier, log::container);
            }
            String location = store.get().put(key, zip);
            log.container("Uploaded " + key + " to " + location);
            return new Build.BuildArtifacts(location, packed.sha256sum(), packed.md5sum(), identifier);
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    /** Packaging NONE: each file under the artifact's folder; no checksums, as CodeBuild gives none. */
    private Build.BuildArtifacts uploadFiles(String root, ArtifactSet set, String folder, @Nullable String identifier)
            throws IOException {
        Path staged = Files.createTempDirectory("kiln-artifact-files");
        try {
            List<String> names;
            try (InputStream tree = env.readTree(root)) {
                names = ArtifactPackager.stage(tree, set, staged, log::container);
            }
            for (String name : names) {
                Path file = staged.resolve(name);
                if (Files.isSymbolicLink(file)) {
                    log.container("Skipping " + name + ": packaging NONE stores files, not links");
                    continue;
                }
                store.get().put(folder + "/" + name, file);
            }
            String location = store.get().location(folder);
            log.container("Uploaded " + names.size() + " file(s) to " + location);
            return new Build.BuildArtifacts(location, null, null, identifier);
        } finally {
            TempTrees.delete(staged);
        }
    }

    /** Evaluates an artifact name in the build's shell, as CodeBuild does ({@code app-$(date +%F)}). */
    private String evaluate(String expression) {
        String delimiter = "KILN_ARTIFACT_NAME_EOF";
        String script = "while IFS= read -r __kiln_line; do printf '%s' \"$__kiln_line\"; done <<" + delimiter + "\n"
                + expression + "\n" + delimiter + "\nunset __kiln_line\n";
        return commands.capture(script)
                .orElseThrow(() -> new AgentException(
                        "cannot evaluate the artifact name '" + expression + "' in the build's shell"));
    }
}
