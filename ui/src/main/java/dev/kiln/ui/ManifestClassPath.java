package dev.kiln.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** The jars a {@code java -jar} class path names in its manifest's {@code Class-Path}. */
final class ManifestClassPath {
    private ManifestClassPath() {}

    /** The jars the class path's jars list in their manifests whose file name {@code wanted} accepts; often none. */
    static List<String> jars(Predicate<String> wanted) {
        List<String> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator, -1)) {
            Path jar = Path.of(entry);
            if (!entry.endsWith(".jar") || !Files.isRegularFile(jar)) {
                continue;
            }
            try (JarFile file = new JarFile(jar.toFile())) {
                Manifest manifest = file.getManifest();
                String listed =
                        manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
                if (listed == null) {
                    continue;
                }
                Path dir = jar.toAbsolutePath().getParent();
                if (dir == null) {
                    continue;
                }
                for (String name : listed.trim().split("\\s+", -1)) {
                    Path named = dir.resolve(name);
                    if (wanted.test(named.getFileName().toString()) && Files.isRegularFile(named)) {
                        out.add(named.toString());
                    }
                }
            } catch (IOException e) {
                // not a readable jar: nothing listed
            }
        }
        return out;
    }
}
