package dev.kiln.deploy.fleet;

import dev.kiln.deploy.DeployLog;
import dev.kiln.deploy.revision.Revision;
import dev.kiln.deploy.revision.RevisionBundler;
import dev.kiln.deploy.testing.ClientKey;
import dev.kiln.deploy.testing.RevisionZip;
import dev.kiln.deploy.testing.Sshd;
import dev.kiln.model.api.DeploymentCreator;
import dev.kiln.model.deploy.DeploymentConfig;
import dev.kiln.model.deploy.DeploymentReport;
import dev.kiln.model.deploy.DeploymentSpec;
import dev.kiln.model.deploy.KnownHostKey;
import dev.kiln.model.deploy.SshTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Three real SSH hosts on loopback, each with its own host key and root folder, and deployments to them. */
final class SshFleet implements AutoCloseable {
    final Path dir;
    final ClientKey key;
    final List<Sshd> hosts = new ArrayList<>();
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private int deployments;

    SshFleet(Path dir, int size) throws IOException, InterruptedException {
        this.dir = dir;
        this.key = ClientKey.make(dir.resolve("client"), "ed25519");
        for (int i = 1; i <= size; i++) {
            hosts.add(Sshd.start(dir.resolve("host" + i), key));
        }
    }

    /** Host {@code i}'s root folder (1-based), where its releases live. */
    Path root(int i) {
        return hosts.get(i - 1).home().resolve("kiln/dev");
    }

    SshTarget target(String healthUrl, int keep) {
        List<KnownHostKey> known = Sshd.keys(hosts);
        return new SshTarget(
                hosts.stream().map(Sshd::host).toList(),
                key.privateKey(),
                known,
                false,
                "~/kiln/dev",
                healthUrl,
                5,
                keep);
    }

    DeploymentSpec spec(String id, DeploymentConfig config, SshTarget target) {
        return new DeploymentSpec(
                id, "shop", "dev", "env-1", "0123abcd", DeploymentCreator.PIPELINE, config, target, null, "");
    }

    String nextId() {
        return "d-" + (++deployments);
    }

    DeploymentReport deploy(RevisionZip zip, DeploymentConfig config) throws IOException {
        return deploy(zip, spec(nextId(), config, target("", 5)));
    }

    DeploymentReport deploy(RevisionZip zip, DeploymentSpec spec) throws IOException {
        return deploy(zip.write(dir.resolve("zips/" + spec.deploymentId() + ".zip")), spec);
    }

    /** Deploys a zip already written: the same artifact twice makes the same bundle. */
    DeploymentReport deploy(Path z, DeploymentSpec spec) throws IOException {
        Revision revision = RevisionBundler.prepare(z, dir.resolve("zips/" + spec.deploymentId() + ".tar.gz"));
        DeployLog sink = log::add;
        return new SshDeployer(spec, revision, () -> false).run(sink);
    }

    String read(int host, String path) throws IOException {
        return Files.readString(root(host).resolve(path));
    }

    @Override
    public void close() {
        hosts.forEach(Sshd::close);
    }
}
