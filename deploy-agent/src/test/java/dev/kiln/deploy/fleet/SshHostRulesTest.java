package dev.kiln.deploy.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.kiln.deploy.revision.InvalidRevisionException;
import dev.kiln.deploy.revision.RevisionBundler;
import dev.kiln.deploy.testing.ClientKey;
import dev.kiln.deploy.testing.Processes;
import dev.kiln.deploy.testing.RevisionZip;
import dev.kiln.deploy.testing.Sshd;
import dev.kiln.model.deploy.DeploymentConfig;
import dev.kiln.model.deploy.DeploymentReport;
import dev.kiln.model.deploy.EventReport;
import dev.kiln.model.deploy.KnownHostKey;
import dev.kiln.model.deploy.SshTarget;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules of one host's deployment, against a real OpenSSH server on loopback. */
class SshHostRulesTest {
    @TempDir
    static Path dir;

    static SshFleet fleet;

    @BeforeAll
    static void start() throws Exception {
        fleet = new SshFleet(dir, 1);
    }

    @AfterAll
    static void stop() {
        fleet.close();
    }

    private static EventReport event(DeploymentReport report, String name) {
        return report.hosts().get(0).events().stream()
                .filter(e -> e.event().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static String appspec(String dest, String behavior) {
        return "version: 0.0\nos: linux\nfiles:\n  - source: /site\n    destination: " + dest + "\n"
                + "  - source: bin/run\n    destination: " + dest + "/bin\n"
                + (behavior.isEmpty() ? "" : "file_exists_behavior: " + behavior + "\n")
                + "permissions:\n  - object: " + dest + "\n    pattern: \"**/*.html\"\n    mode: 600\n"
                + "    type: [file]\n";
    }

    @Test
    void install_copies_files_sets_permissions_and_removes_what_the_last_install_put() throws Exception {
        Path dest = dir.resolve("www-install");
        DeploymentReport one = fleet.deploy(
                new RevisionZip()
                        .file("appspec.yml", appspec(dest.toString(), ""))
                        .file("site/index.html", "one")
                        .file("site/old.css", "old")
                        .script("bin/run", "echo run"),
                DeploymentConfig.ONE_AT_A_TIME);
        DeploymentReport two = fleet.deploy(
                new RevisionZip()
                        .file("appspec.yml", appspec(dest.toString(), ""))
                        .file("site/index.html", "two")
                        .file("site/deep/page.html", "page")
                        .script("bin/run", "echo run"),
                DeploymentConfig.ONE_AT_A_TIME);

        assertThat(one.succeeded()).isTrue();
        assertThat(two.succeeded()).as(String.join("\n", fleet.log)).isTrue();
        assertThat(dest.resolve("index.html")).hasContent("two");
        assertThat(dest.resolve("deep/page.html")).hasContent("page");
        assertThat(dest.resolve("old.css")).doesNotExist();
        assertThat(Files.isExecutable(dest.resolve("bin/run"))).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dest.resolve("deep/page.html"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dest.resolve("bin/run"))))
                .isEqualTo("rwxr-xr-x");
    }

    @Test
    void file_exists_behavior_disallow_fails_untouched_overwrite_replaces_retain_keeps() throws Exception {
        Path dest = dir.resolve("www-exists");
        Files.createDirectories(dest);
        Files.writeString(dest.resolve("index.html"), "someone else's");
        RevisionZip zip = new RevisionZip()
                .file("site/index.html", "ours")
                .file("site/new.html", "new")
                .script("bin/run", "true");

        DeploymentReport disallow =
                fleet.deploy(zip.file("appspec.yml", appspec(dest.toString(), "")), DeploymentConfig.ONE_AT_A_TIME);
        assertThat(disallow.status().wireName()).isEqualTo("Failed");
        assertThat(event(disallow, "Install").message()).contains("DISALLOW");
        assertThat(fleet.log).anyMatch(l -> l.endsWith("  " + dest.resolve("index.html")));
        assertThat(dest.resolve("index.html")).hasContent("someone else's");
        assertThat(dest.resolve("new.html")).doesNotExist();

        DeploymentReport retain = fleet.deploy(
                zip.file("appspec.yml", appspec(dest.toString(), "RETAIN")), DeploymentConfig.ONE_AT_A_TIME);
        assertThat(retain.succeeded()).isTrue();
        assertThat(dest.resolve("index.html")).hasContent("someone else's");
        assertThat(dest.resolve("new.html")).hasContent("new");

        Files.writeString(dest.resolve("stray.html"), "stray");
        DeploymentReport overwrite = fleet.deploy(
                zip.file("site/stray.html", "replaced").file("appspec.yml", appspec(dest.toString(), "OVERWRITE")),
                DeploymentConfig.ONE_AT_A_TIME);
        assertThat(overwrite.succeeded()).isTrue();
        assertThat(dest.resolve("stray.html")).hasContent("replaced");
    }

    @Test
    void a_hook_past_its_timeout_is_stopped_and_reported_timed_out() throws Exception {
        long start = System.nanoTime();
        DeploymentReport report = fleet.deploy(
                new RevisionZip()
                        .file(
                                "appspec.yml",
                                "version: 0.0\nos: linux\nhooks:\n  BeforeInstall:\n"
                                        + "    - location: slow.sh\n      timeout: 2\n")
                        .script("slow.sh", "echo starting; sleep 60"),
                DeploymentConfig.ONE_AT_A_TIME);

        assertThat(report.status().wireName()).isEqualTo("Failed");
        assertThat(event(report, "BeforeInstall").errorCode()).isEqualTo("ScriptTimedOut");
        assertThat(event(report, "Install").status().wireName()).isEqualTo("Skipped");
        assertThat((System.nanoTime() - start) / 1_000_000_000L).isLessThan(30);
    }

    @Test
    void a_missing_script_is_reported_missing() throws Exception {
        DeploymentReport report = fleet.deploy(
                new RevisionZip()
                        .file(
                                "appspec.yml",
                                "version: 0.0\nos: linux\nhooks:\n  ApplicationStart:\n"
                                        + "    - location: scripts/start.sh\n"),
                DeploymentConfig.ONE_AT_A_TIME);

        assertThat(event(report, "ApplicationStart").errorCode()).isEqualTo("ScriptMissing");
        assertThat(event(report, "ApplicationStart").message()).contains("scripts/start.sh");
    }

    @Test
    void runas_runs_the_script_as_that_user() throws Exception {
        DeploymentReport report = fleet.deploy(
                new RevisionZip()
                        .file(
                                "appspec.yml",
                                "version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n"
                                        + "    - location: who.sh\n      runas: nobody\n")
                        .script("who.sh", "echo \"runs as $(id -un) for $DEPLOYMENT_GROUP_NAME\""),
                DeploymentConfig.ONE_AT_A_TIME);

        assertThat(report.succeeded()).as(String.join("\n", fleet.log)).isTrue();
        assertThat(fleet.log).anyMatch(l -> l.endsWith("runs as nobody for dev"));
    }

    @Test
    void the_health_url_is_asked_from_the_host_and_must_answer_2xx() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", x -> {
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        server.createContext("/sick", x -> {
            x.sendResponseHeaders(503, -1);
            x.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            RevisionZip zip = new RevisionZip().file("index.html", "x");
            DeploymentReport ok = fleet.deploy(
                    zip, fleet.spec(fleet.nextId(), DeploymentConfig.ONE_AT_A_TIME, fleet.target(base + "/ok", 5)));
            DeploymentReport sick = fleet.deploy(
                    zip, fleet.spec(fleet.nextId(), DeploymentConfig.ONE_AT_A_TIME, fleet.target(base + "/sick", 5)));

            assertThat(ok.succeeded()).isTrue();
            assertThat(sick.status().wireName()).isEqualTo("Failed");
            assertThat(event(sick, "ValidateService").errorCode()).isEqualTo("HealthCheckFailed");
            assertThat(fleet.log).anyMatch(l -> l.endsWith("health: answer 503, waiting"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void an_unknown_host_key_fails_with_its_fingerprint_unless_trusted_on_first_use() throws Exception {
        SshTarget known = fleet.target("", 5);
        SshTarget unknown = new SshTarget(known.hosts(), known.privateKey(), List.of(), false, known.root(), "", 5, 5);
        SshTarget firstUse = new SshTarget(known.hosts(), known.privateKey(), List.of(), true, known.root(), "", 5, 5);
        SshTarget changed = new SshTarget(
                known.hosts(),
                known.privateKey(),
                List.of(new KnownHostKey(known.hosts().get(0).knownHostsName(), "SHA256:notthiskey")),
                false,
                known.root(),
                "",
                5,
                5);
        RevisionZip zip = new RevisionZip().file("index.html", "x");
        String fingerprint = fleet.hosts.get(0).knownKey().fingerprint();

        DeploymentReport refused =
                fleet.deploy(zip, fleet.spec(fleet.nextId(), DeploymentConfig.ONE_AT_A_TIME, unknown));
        DeploymentReport trusted =
                fleet.deploy(zip, fleet.spec(fleet.nextId(), DeploymentConfig.ONE_AT_A_TIME, firstUse));
        DeploymentReport mismatch =
                fleet.deploy(zip, fleet.spec(fleet.nextId(), DeploymentConfig.ONE_AT_A_TIME, changed));

        assertThat(refused.status().wireName()).isEqualTo("Failed");
        assertThat(refused.hosts().get(0).message())
                .contains("unknown host key")
                .contains(fingerprint);
        assertThat(trusted.succeeded()).isTrue();
        assertThat(trusted.learnedHostKeys()).containsExactly(fleet.hosts.get(0).knownKey());
        assertThat(mismatch.hosts().get(0).message()).contains("CHANGED").contains(fingerprint);
    }

    @Test
    void an_rsa_key_in_pem_form_logs_in_as_well() throws Exception {
        Path keys = dir.resolve("rsa");
        Files.createDirectories(keys);
        Processes.run(
                "ssh-keygen",
                "-q",
                "-t",
                "rsa",
                "-b",
                "3072",
                "-m",
                "PEM",
                "-N",
                "",
                "-f",
                keys.resolve("id").toString());
        ClientKey rsa = new ClientKey(Files.readString(keys.resolve("id")), Files.readString(keys.resolve("id.pub")));
        try (Sshd host = Sshd.start(dir.resolve("rsa-host"), rsa)) {
            SshTarget target = new SshTarget(
                    List.of(host.host()), rsa.privateKey(), List.of(host.knownKey()), false, "~/kiln/dev", "", 5, 5);

            DeploymentReport report = fleet.deploy(
                    new RevisionZip().file("index.html", "rsa"),
                    fleet.spec(fleet.nextId(), DeploymentConfig.ONE_AT_A_TIME, target));

            assertThat(rsa.privateKey()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
            assertThat(report.succeeded()).as(report.toString()).isTrue();
            assertThat(host.home().resolve("kiln/dev/current/index.html")).hasContent("rsa");
        }
    }

    @Test
    void a_bad_appspec_is_refused_before_any_host_with_every_problem() throws Exception {
        Path zip = new RevisionZip()
                .file(
                        "appspec.yml",
                        "version: 0.0\nos: linux\nhooks:\n  BeforeInstal:\n    - location: a.sh\n"
                                + "files:\n  - source: /\n    destination: relative\n")
                .write(dir.resolve("bad.zip"));

        assertThatThrownBy(() -> RevisionBundler.prepare(zip, dir.resolve("bad.tar.gz")))
                .isInstanceOf(InvalidRevisionException.class)
                .hasMessageContaining("appspec.yml:4:3: error: hooks.BeforeInstal: unknown lifecycle event;"
                        + " did you mean 'BeforeInstall'?")
                .hasMessageContaining("appspec.yml:8:5: error: files[0].destination: must be an absolute folder");
    }
}
