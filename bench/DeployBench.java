// Kiln's deployer in one warm JVM, as a running deploy agent uses it: each revision zip given is bundled and
// deployed to the hosts with the configuration given, and its time printed as JSON, one line per revision.
// Run by bench/deploy.py with Kiln's class path:
//   java -cp CLASSPATH bench/DeployBench.java CONFIG KEY KNOWN_HOSTS HOSTS(comma separated) ZIP...
import dev.kiln.deploy.fleet.SshDeployer;
import dev.kiln.deploy.revision.Revision;
import dev.kiln.deploy.revision.RevisionBundler;
import dev.kiln.model.deploy.KnownHostsFile;
import dev.kiln.model.deploy.DeploymentConfig;
import dev.kiln.model.deploy.DeploymentReport;
import dev.kiln.model.deploy.DeploymentSpec;
import dev.kiln.model.deploy.SshHost;
import dev.kiln.model.deploy.SshTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

public class DeployBench {
    public static void main(String[] args) throws Exception {
        String config = args[0];
        String key = Files.readString(Path.of(args[1]));
        var known = KnownHostsFile.parse(Files.readString(Path.of(args[2])));
        var hosts = Arrays.stream(args[3].split(",")).map(SshHost::parse).toList();
        SshTarget target = new SshTarget(hosts, key, known, false, "~/kiln/bench", "", 60, 2);
        for (int i = 4; i < args.length; i++) {
            Path zip = Path.of(args[i]);
            long start = System.nanoTime();
            Path bundle = Files.createTempFile("bench-", ".tar.gz");
            Revision revision = RevisionBundler.prepare(zip, bundle);
            long bundled = System.nanoTime();
            String id = "d-" + config + "-" + (i - 4) + "-" + System.currentTimeMillis();
            DeploymentSpec spec = new DeploymentSpec(
                    id, "bench", "bench", "bench", "", "user", DeploymentConfig.of(config, null), target, null, "");
            DeploymentReport report = new SshDeployer(spec, revision, () -> false).run(line -> {});
            long end = System.nanoTime();
            Files.deleteIfExists(bundle);
            if (!report.succeeded()) {
                throw new IllegalStateException(id + " " + report.status() + ": " + report.message() + "\n"
                        + report.hosts());
            }
            System.out.printf(
                    "{\"zip\": \"%s\", \"bundle_s\": %.3f, \"deploy_s\": %.3f}%n",
                    zip, (bundled - start) / 1e9, (end - bundled) / 1e9);
        }
    }
}
