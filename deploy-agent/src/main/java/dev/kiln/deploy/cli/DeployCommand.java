package dev.kiln.deploy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kiln.deploy.DeployException;
import dev.kiln.deploy.fleet.SshDeployer;
import dev.kiln.deploy.revision.Revision;
import dev.kiln.deploy.revision.RevisionBundler;
import dev.kiln.kit.cli.CommandLines;
import dev.kiln.model.api.DeploymentCreator;
import dev.kiln.model.deploy.DeploymentConfig;
import dev.kiln.model.deploy.DeploymentReport;
import dev.kiln.model.deploy.DeploymentSpec;
import dev.kiln.model.deploy.EventReport;
import dev.kiln.model.deploy.HostReport;
import dev.kiln.model.deploy.KnownHostKey;
import dev.kiln.model.deploy.KnownHostsFile;
import dev.kiln.model.deploy.SshHost;
import dev.kiln.model.deploy.SshTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kiln deploy}: deploys a revision zip to SSH hosts from this machine, with no orchestrator: the same deployer
 * a deploy agent runs, for trying an appspec or shipping by hand.
 */
@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        description = {
            "Deploy a revision (a zip with an appspec.yml at its root, or any files) to SSH hosts, CodeDeploy's way.",
            "Exit status: 0 Succeeded, 1 Failed or Stopped, 2 bad options or revision."
        })
public final class DeployCommand implements Callable<Integer> {
    @Option(names = "--revision", required = true, paramLabel = "ZIP", description = "The revision to deploy.")
    private Path revision;

    @Option(
            names = "--ssh",
            required = true,
            arity = "1..*",
            paramLabel = "USER@HOST[:PORT]",
            description = "The hosts, in the order they are deployed.")
    private List<String> hosts = new ArrayList<>();

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The private key to log in with.")
    private Path key;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts lines with the hosts' keys.")
    private @Nullable Path knownHosts;

    @Option(names = "--trust-on-first-use", description = "Trust host keys not in --known-hosts.")
    private boolean trustOnFirstUse;

    @Option(names = "--config", paramLabel = "NAME", description = "OneAtATime (default), HalfAtATime or AllAtOnce.")
    private @Nullable String config;

    @Option(names = "--min-healthy", paramLabel = "N|N%", description = "A custom minimum of healthy hosts.")
    private @Nullable String minHealthy;

    @Option(names = "--health-url", paramLabel = "URL", description = "Must answer 2xx from each host.")
    private @Nullable String healthUrl;

    @Option(names = "--health-timeout", paramLabel = "SECONDS", description = "Default 60.")
    private int healthTimeout = 60;

    @Option(names = "--root", paramLabel = "DIR", description = "Where hosts keep releases (default ~/kiln/local).")
    private String root = "~/kiln/local";

    @Option(names = "--keep", paramLabel = "N", description = "Releases each host keeps (default 5).")
    private int keep = 5;

    @Option(names = "--id", paramLabel = "ID", description = "The deployment's id (default d-local-TIME).")
    private @Nullable String id;

    @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json (the report).")
    private String output = "text";

    @Override
    public Integer call() throws IOException {
        if (!output.equals("text") && !output.equals("json")) {
            System.err.println("kiln deploy: --output must be text or json");
            return CommandLines.EXIT_INVALID;
        }
        DeploymentSpec spec;
        Revision prepared;
        Path bundle = Files.createTempFile("kiln-deploy-", ".tar.gz");
        long start = System.nanoTime();
        try {
            spec = spec();
            prepared = RevisionBundler.prepare(Objects.requireNonNull(revision, "--revision is required"), bundle);
        } catch (IllegalArgumentException | DeployException e) {
            System.err.println("kiln deploy: " + e.getMessage());
            Files.deleteIfExists(bundle);
            return CommandLines.EXIT_INVALID;
        }
        try {
            long bundled = System.nanoTime();
            DeploymentReport report = new SshDeployer(spec, prepared, () -> false).run(System.err::println);
            System.err.printf(
                    "kiln deploy: revision bundled in %.2f s, deployed in %.2f s%n",
                    (bundled - start) / 1e9, (System.nanoTime() - bundled) / 1e9);
            if (output.equals("json")) {
                System.out.println(new ObjectMapper()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(report));
            } else {
                summary(spec, report);
            }
            return report.succeeded() ? 0 : 1;
        } finally {
            Files.deleteIfExists(bundle);
        }
    }

    private DeploymentSpec spec() throws IOException {
        if (!Files.isReadable(revision)) {
            throw new IllegalArgumentException("--revision " + revision + ": no such readable file");
        }
        if (!Files.isReadable(key)) {
            throw new IllegalArgumentException("--key " + key + ": no such readable file");
        }
        List<KnownHostKey> known = knownHosts == null
                ? List.of()
                : KnownHostsFile.parse(Files.readString(knownHosts, StandardCharsets.UTF_8));
        SshTarget target = new SshTarget(
                hosts.stream().map(SshHost::parse).toList(),
                Files.readString(key, StandardCharsets.UTF_8),
                known,
                trustOnFirstUse,
                root,
                Objects.requireNonNullElse(healthUrl, ""),
                healthTimeout,
                keep);
        String deploymentId = id != null
                ? id
                : "d-local-"
                        + LocalDateTime.now(ZoneId.systemDefault())
                                .format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        return new DeploymentSpec(
                deploymentId,
                "local",
                "local",
                "local",
                "",
                DeploymentCreator.USER,
                DeploymentConfig.of(config, minHealthy),
                target,
                null,
                "");
    }

    private static void summary(DeploymentSpec spec, DeploymentReport report) {
        System.out.println(spec.deploymentId() + " " + report.status()
                + (report.errorCode().isEmpty() ? "" : " (" + report.errorCode() + ")") + ": " + report.message());
        for (HostReport h : report.hosts()) {
            StringBuilder events = new StringBuilder();
            for (EventReport e : h.events()) {
                events.append(' ').append(e.event()).append('=').append(e.status());
            }
            System.out.println("  " + h.host() + " " + h.status() + events);
        }
        for (KnownHostKey k : report.learnedHostKeys()) {
            System.out.println("  trusted on first use: " + k.host() + " " + k.fingerprint());
        }
    }
}
