package dev.kiln.agent.engine;

import dev.kiln.agent.backend.BuildEnvironment;
import dev.kiln.kit.TempTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CodeBuild's {@code certificate}: PEM certificates the build must trust (a TLS-inspecting proxy's, a private
 * registry's), added to the image's trust store in DOWNLOAD_SOURCE. On Debian and Ubuntu images
 * {@code update-ca-certificates} adds them for OpenSSL, curl, git, pip and Java; {@code NODE_EXTRA_CA_CERTS} points
 * Node.js at them on any image.
 */
final class CertificateStage {
    static final String DIRECTORY = "/usr/local/share/ca-certificates";

    private static final String BUNDLE = "kiln-bundle.pem";
    private static final Pattern CERTIFICATE =
            Pattern.compile("-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", Pattern.DOTALL);

    private CertificateStage() {}

    static List<String> split(List<String> pems) {
        List<String> out = new ArrayList<>();
        for (String pem : pems) {
            Matcher m = CERTIFICATE.matcher(pem);
            while (m.find()) {
                out.add(m.group());
            }
        }
        return out;
    }

    /** Installs the certificates; returns false when the environment refused them. */
    static boolean install(List<String> pems, BuildEnvironment env, CommandRunner commands, BuildLog log) {
        if (pems.isEmpty()) {
            return true;
        }
        Path temp = null;
        try {
            temp = Files.createTempDirectory("kiln-certificates-");
            // one certificate per file: Java's keystore hook imports only the first of a bundle
            List<String> single = split(pems);
            for (int i = 0; i < single.size(); i++) {
                Files.writeString(temp.resolve("kiln-" + i + ".crt"), single.get(i) + "\n");
            }
            Files.writeString(temp.resolve(BUNDLE), String.join("\n", single) + "\n");
            env.copyInto(temp, DIRECTORY);
        } catch (IOException | RuntimeException e) {
            log.container("Certificates not installed: " + e.getMessage());
            return false;
        } finally {
            TempTrees.delete(temp);
        }
        String bundle = DIRECTORY + "/" + BUNDLE;
        boolean updated = commands.capture("command -v update-ca-certificates > /dev/null && update-ca-certificates"
                        + " > /dev/null 2>&1 && echo updated || echo absent")
                .map(out -> out.strip().endsWith("updated"))
                .orElse(false);
        commands.setUp("export NODE_EXTRA_CA_CERTS=" + bundle + "\n");
        log.container("Trusting " + split(pems).size() + " added certificate(s): "
                + (updated
                        ? "in the image's trust store (update-ca-certificates)"
                        : "the image has no update-ca-certificates; they are in " + bundle
                                + " and NODE_EXTRA_CA_CERTS"));
        return true;
    }
}
