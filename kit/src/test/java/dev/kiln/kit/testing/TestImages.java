package dev.kiln.kit.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.kiln.kit.ProgressListener;
import dev.kiln.kit.engine.RootfsImporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The images tests use, all made here from the host's own binaries and imported through the engine's API (no
 * registry): {@link #BUSYBOX} (static busybox, users root and builder) and {@link #BASH} (the same plus bash and
 * its libraries).
 */
public final class TestImages {
    /** Busybox only: POSIX sh and the usual tools; users root (0) and builder (1000). */
    public static final String BUSYBOX = "kiln-test/busybox:1";

    /** The test suite's registry on loopback (plain HTTP; {@code bin/setup-engine --for-tests} declares it). */
    public static final String REGISTRY = "127.0.0.1:5055";

    /** Busybox plus the host's bash. */
    public static final String BASH = "kiln-test/bash:1";

    private static final String[] APPLETS = {
        "sh", "ls", "cat", "echo", "printf", "sleep", "true", "false", "mkdir", "rm", "mv", "cp", "pwd", "env", "id",
        "od", "tr", "sed", "grep", "head", "tail", "wc", "date", "dd", "whoami", "touch", "ln", "chmod", "test", "[",
        "expr", "seq", "sort", "uniq", "cut", "basename", "dirname", "find", "xargs", "tee", "kill", "ps", "awk"
    };

    private TestImages() {}

    /** Makes sure both images exist on the engine (tests in other processes may be making them too). */
    public static synchronized void ensure(DockerClient client) throws IOException {
        if (exists(client, BUSYBOX) && exists(client, BASH)) {
            return;
        }
        HostLock importing = HostLock.acquire("images");
        try {
            if (!exists(client, BUSYBOX)) {
                importImage(client, BUSYBOX, busyboxTar(List.of()));
            }
            if (!exists(client, BASH)) {
                importImage(client, BASH, busyboxTar(bashFiles()));
            }
        } finally {
            importing.close();
        }
    }

    private static boolean exists(DockerClient client, String image) {
        try {
            client.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static void importImage(DockerClient client, String reference, byte[] tar) throws IOException {
        Path file = Files.createTempFile("kiln-test-rootfs", ".tar");
        try {
            Files.write(file, tar);
            RootfsImporter.importRootfs(client, reference, file, ProgressListener.none());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static List<Path> bashFiles() throws IOException {
        Path bash = Path.of("/bin/bash");
        Set<Path> files = new LinkedHashSet<>();
        files.add(bash);
        Process ldd = new ProcessBuilder("ldd", bash.toString()).start();
        String out = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        for (String line : out.split("\n")) {
            for (String word : line.trim().split("\\s+")) {
                if (word.startsWith("/")) {
                    files.add(Path.of(word));
                }
            }
        }
        return new ArrayList<>(files);
    }

    private static byte[] busyboxTar(List<Path> extra) throws IOException {
        Path busybox = Path.of("/bin/busybox");
        if (!Files.isExecutable(busybox)) {
            throw new IllegalStateException("tests need /bin/busybox (apt-get install busybox-static)");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (String dir :
                    new String[] {"bin/", "etc/", "tmp/", "root/", "home/", "home/builder/", "usr/", "usr/bin/"}) {
                TarArchiveEntry entry = new TarArchiveEntry(dir);
                entry.setMode(dir.equals("tmp/") ? 01777 | 040000 : 0755 | 040000);
                if (dir.equals("home/builder/")) {
                    entry.setIds(1000, 1000);
                }
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
            file(tar, "bin/busybox", Files.readAllBytes(busybox), 0755);
            for (String applet : APPLETS) {
                TarArchiveEntry link = new TarArchiveEntry("bin/" + applet, TarConstants.LF_SYMLINK);
                link.setLinkName("busybox");
                tar.putArchiveEntry(link);
                tar.closeArchiveEntry();
            }
            file(
                    tar,
                    "etc/passwd",
                    "root:x:0:0:root:/root:/bin/sh\nbuilder:x:1000:1000::/home/builder:/bin/sh\n"
                            .getBytes(StandardCharsets.UTF_8),
                    0644);
            file(tar, "etc/group", "root:x:0:\nbuilder:x:1000:\n".getBytes(StandardCharsets.UTF_8), 0644);
            Set<String> dirs = new LinkedHashSet<>();
            for (Path p : extra) {
                Path real = p.toRealPath();
                String name = p.toString().substring(1);
                StringBuilder parent = new StringBuilder();
                String[] parts = name.split("/");
                for (int i = 0; i < parts.length - 1; i++) {
                    parent.append(parts[i]).append('/');
                    if (dirs.add(parent.toString()) && !parent.toString().equals("bin/")) {
                        TarArchiveEntry d = new TarArchiveEntry(parent.toString());
                        d.setMode(0755 | 040000);
                        tar.putArchiveEntry(d);
                        tar.closeArchiveEntry();
                    }
                }
                file(tar, name, Files.readAllBytes(real), 0755);
            }
            tar.finish();
        }
        return bytes.toByteArray();
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] content, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(mode | 0100000);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
