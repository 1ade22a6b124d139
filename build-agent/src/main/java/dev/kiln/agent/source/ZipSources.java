package dev.kiln.agent.source;

import dev.kiln.kit.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Enumeration;
import java.util.Objects;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Zip archive sources: read from this machine or downloaded over http(s), then unpacked. Entries that would land
 * outside the directory ({@code ..}, absolute names) and symbolic links are skipped. Stateless.
 */
public final class ZipSources {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30))
            .build();

    private ZipSources() {}

    /**
     * Unpacks the archive into {@code directory}.
     *
     * @return how many files were unpacked
     * @throws UnableToFetchSourceException when the archive cannot be read or fetched, saying which and why
     */
    public static int fetch(Source.Zip zip, Path directory, ProgressListener progress) {
        Path archive = null;
        try {
            if (zip.remote()) {
                progress.progress("downloading " + zip.location());
                archive = Files.createTempFile("kiln-source-", ".zip");
                download(zip.location(), archive);
            }
            Path file = archive != null ? archive : Path.of(zip.location());
            if (!Files.isRegularFile(file)) {
                throw new UnableToFetchSourceException("no zip archive at " + zip.location(), null);
            }
            return unpack(file, directory, zip.location());
        } catch (IOException e) {
            throw new UnableToFetchSourceException(
                    "cannot read the zip archive " + zip.location() + ": " + e.getMessage(), e);
        } finally {
            if (archive != null) {
                try {
                    Files.deleteIfExists(archive);
                } catch (IOException e) {
                    // a temporary file
                }
            }
        }
    }

    private static void download(String url, Path into) throws IOException {
        HttpResponse<Path> response;
        try {
            response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofMinutes(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofFile(into));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IllegalArgumentException e) {
            throw new UnableToFetchSourceException("not a valid URL: " + url, e);
        }
        if (response.statusCode() != 200) {
            throw new UnableToFetchSourceException(
                    "cannot download " + url + ": HTTP " + response.statusCode()
                            + (response.statusCode() == 404 ? " (not found)" : ""),
                    null);
        }
    }

    private static int unpack(Path file, Path directory, String location) throws IOException {
        Files.createDirectories(directory);
        Path root = directory.toRealPath();
        int files = 0;
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntries();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root) || entry.getName().startsWith("/") || entry.isUnixSymlink()) {
                    continue;
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Path parent = Objects.requireNonNull(target.getParent(), "an entry under the root has a parent");
                Files.createDirectories(parent);
                if (!parent.toRealPath().startsWith(root)) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                if ((entry.getUnixMode() & 0100) != 0) {
                    target.toFile().setExecutable(true, false);
                }
                files++;
            }
        } catch (IOException e) {
            throw new UnableToFetchSourceException(location + " is not a readable zip archive: " + e.getMessage(), e);
        }
        return files;
    }
}
