package dev.kiln.ui;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The jars that hold Vaadin's static files ({@code META-INF/resources/VAADIN/static}, the push client among them),
 * opened as file systems while the UI runs. On Jetty 12, Vaadin checks that a static file exists through
 * {@code Path.of(jar URI)}, which only works while the jar's file system is open.
 */
final class StaticJars implements AutoCloseable {
    private final List<FileSystem> opened = new ArrayList<>();

    static StaticJars open() {
        StaticJars jars = new StaticJars();
        try {
            for (URL url : Collections.list(
                    StaticJars.class.getClassLoader().getResources("META-INF/resources/VAADIN/static"))) {
                String text = url.toString();
                int bang = text.indexOf("!/");
                if (!text.startsWith("jar:") || bang < 0) {
                    continue;
                }
                try {
                    jars.opened.add(FileSystems.newFileSystem(new URI(text.substring(0, bang)), Map.of()));
                } catch (FileSystemAlreadyExistsException e) {
                    // open already: the check works
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new UiException("could not open Vaadin's static files: " + e.getMessage(), e);
        }
        return jars;
    }

    @Override
    public void close() {
        for (FileSystem fs : opened) {
            try {
                fs.close();
            } catch (IOException e) {
                // a read-only jar view
            }
        }
    }
}
