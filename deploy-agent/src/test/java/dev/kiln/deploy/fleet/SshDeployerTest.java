package dev.kiln.deploy.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.deploy.testing.RevisionZip;
import dev.kiln.model.deploy.DeploymentConfig;
import dev.kiln.model.deploy.DeploymentReport;
import dev.kiln.model.deploy.EventReport;
import dev.kiln.model.deploy.HostReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deployments to three real OpenSSH servers on loopback, each standing for a machine with its own home. */
class SshDeployerTest {
    @TempDir
    static Path dir;

    static SshFleet fleet;

    @BeforeAll
    static void start() throws Exception {
        fleet = new SshFleet(dir, 3);
    }

    @AfterAll
    static void stop() {
        fleet.close();
    }

    private static String events(HostReport host) {
        return String.join(
                " ",
                host.events().stream().map(e -> e.event() + ":" + e.status()).toList());
    }

    @Test
    void a_revision_without_appspec_switches_current_atomically_and_keeps_releases() throws Exception {
        String first = fleet.nextId();
        DeploymentReport one = fleet.deploy(
                new RevisionZip().file("index.html", "v1"),
                fleet.spec(first, DeploymentConfig.ALL_AT_ONCE, fleet.target("", 5)));
        String second = fleet.nextId();
        DeploymentReport two = fleet.deploy(
                new RevisionZip().file("index.html", "v2"),
                fleet.spec(second, DeploymentConfig.ALL_AT_ONCE, fleet.target("", 5)));

        assertThat(one.status().wireName()).isEqualTo("Succeeded");
        assertThat(two.status().wireName()).isEqualTo("Succeeded");
        assertThat(two.hosts())
                .hasSize(3)
                .allSatisfy(h -> assertThat(h.status().wireName()).isEqualTo("Succeeded"));
        for (int i = 1; i <= 3; i++) {
            Path root = fleet.root(i);
            assertThat(Files.readSymbolicLink(root.resolve("current"))).isEqualTo(Path.of("releases/" + second));
            assertThat(fleet.read(i, "current/index.html")).isEqualTo("v2");
            assertThat(fleet.read(i, "releases/" + first + "/index.html")).isEqualTo("v1");
            assertThat(fleet.read(i, "last_successful").strip()).isEqualTo(second);
        }
        assertThat(events(two.hosts().get(0)))
                .contains("DownloadBundle:Succeeded BeforeInstall:Skipped Install:Succeeded");
    }

    @Test
    void hooks_run_in_codedeploys_order_with_its_variables_and_stop_uses_the_last_good_revision() throws Exception {
        String hook = "echo \"$LIFECYCLE_EVENT $DEPLOYMENT_ID $APPLICATION_NAME $DEPLOYMENT_GROUP_NAME"
                + " $BUNDLE_COMMIT $(basename \"$PWD\") REV\" >> \"$HOME/hooks.log\"";
        RevisionZip v1 = withHooks(hook.replace("REV", "v1"));
        RevisionZip v2 = withHooks(hook.replace("REV", "v2"));
        String firstId = fleet.nextId();
        DeploymentReport one =
                fleet.deploy(v1, fleet.spec(firstId, DeploymentConfig.ONE_AT_A_TIME, fleet.target("", 5)));
        String secondId = fleet.nextId();
        DeploymentReport two =
                fleet.deploy(v2, fleet.spec(secondId, DeploymentConfig.ONE_AT_A_TIME, fleet.target("", 5)));

        assertThat(one.succeeded()).isTrue();
        assertThat(two.succeeded()).isTrue();
        List<String> lines = Files.readAllLines(fleet.hosts.get(2).home().resolve("hooks.log")).stream()
                .filter(l -> l.contains(firstId + " ") || l.contains(secondId + " "))
                .toList();
        assertThat(lines)
                .containsExactly(
                        "BeforeInstall " + firstId + " shop dev 0123abcd " + firstId + " v1",
                        "AfterInstall " + firstId + " shop dev 0123abcd " + firstId + " v1",
                        "ApplicationStart " + firstId + " shop dev 0123abcd " + firstId + " v1",
                        "ValidateService " + firstId + " shop dev 0123abcd " + firstId + " v1",
                        "ApplicationStop " + secondId + " shop dev 0123abcd " + firstId + " v1",
                        "BeforeInstall " + secondId + " shop dev 0123abcd " + secondId + " v2",
                        "AfterInstall " + secondId + " shop dev 0123abcd " + secondId + " v2",
                        "ApplicationStart " + secondId + " shop dev 0123abcd " + secondId + " v2",
                        "ValidateService " + secondId + " shop dev 0123abcd " + secondId + " v2");
        assertThat(events(two.hosts().get(0)))
                .isEqualTo("ApplicationStop:Succeeded DownloadBundle:Succeeded BeforeInstall:Succeeded"
                        + " Install:Succeeded AfterInstall:Succeeded ApplicationStart:Succeeded"
                        + " ValidateService:Succeeded");
    }

    private static RevisionZip withHooks(String body) {
        StringBuilder hooks = new StringBuilder("hooks:\n");
        for (String event :
                List.of("ApplicationStop", "BeforeInstall", "AfterInstall", "ApplicationStart", "ValidateService")) {
            hooks.append("  ").append(event).append(":\n    - location: hook.sh\n      timeout: 30\n");
        }
        return new RevisionZip()
                .file("appspec.yml", "version: 0.0\nos: linux\n" + hooks)
                .script("hook.sh", body);
    }

    @Test
    void one_at_a_time_stops_when_too_few_hosts_stay_healthy_and_leaves_the_rest_untouched() throws Exception {
        // Fails on the first host only: the marker exists in that host's home alone.
        Files.writeString(fleet.hosts.get(0).home().resolve("break-me"), "");
        try {
            RevisionZip zip = new RevisionZip()
                    .file(
                            "appspec.yml",
                            "version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n" + "    - location: check.sh\n")
                    .script("check.sh", "if [ -f \"$HOME/break-me\" ]; then echo broken >&2; exit 7; fi");
            String id = fleet.nextId();
            DeploymentReport report =
                    fleet.deploy(zip, fleet.spec(id, DeploymentConfig.ONE_AT_A_TIME, fleet.target("", 5)));

            assertThat(report.status().wireName()).isEqualTo("Failed");
            assertThat(report.errorCode()).isEqualTo("HEALTH_CONSTRAINTS");
            assertThat(report.hosts().stream().map(h -> h.status().wireName()))
                    .containsExactly("Failed", "Skipped", "Skipped");
            EventReport afterInstall = report.hosts().get(0).events().get(4);
            assertThat(afterInstall.event()).isEqualTo("AfterInstall");
            assertThat(afterInstall.errorCode()).isEqualTo("ScriptFailed");
            assertThat(afterInstall.message()).contains("exited with status 7");
            assertThat(fleet.log).anyMatch(l -> l.endsWith("] broken"));
            assertThat(fleet.root(2).resolve("releases/" + id)).doesNotExist();
            assertThat(fleet.root(3).resolve("releases/" + id)).doesNotExist();
        } finally {
            Files.delete(fleet.hosts.get(0).home().resolve("break-me"));
        }
    }

    @Test
    void all_at_once_succeeds_with_one_healthy_host_and_half_at_a_time_needs_half() throws Exception {
        Files.writeString(fleet.hosts.get(0).home().resolve("break-me"), "");
        Files.writeString(fleet.hosts.get(1).home().resolve("break-me"), "");
        try {
            RevisionZip zip = new RevisionZip()
                    .file(
                            "appspec.yml",
                            "version: 0.0\nos: linux\nhooks:\n  ApplicationStart:\n" + "    - location: start.sh\n")
                    .script("start.sh", "[ ! -f \"$HOME/break-me\" ]");

            DeploymentReport all = fleet.deploy(zip, DeploymentConfig.ALL_AT_ONCE);
            DeploymentReport half = fleet.deploy(zip, DeploymentConfig.HALF_AT_A_TIME);

            assertThat(all.status().wireName()).isEqualTo("Succeeded");
            assertThat(all.hosts().stream().map(h -> h.status().wireName()))
                    .containsExactly("Failed", "Failed", "Succeeded");
            assertThat(half.status().wireName()).isEqualTo("Failed");
            assertThat(half.errorCode()).isEqualTo("HEALTH_CONSTRAINTS");
            assertThat(half.hosts().stream().map(h -> h.status().wireName()))
                    .containsExactly("Failed", "Skipped", "Skipped");
        } finally {
            Files.delete(fleet.hosts.get(0).home().resolve("break-me"));
            Files.delete(fleet.hosts.get(1).home().resolve("break-me"));
        }
    }

    @Test
    void a_minimum_the_fleet_cannot_keep_fails_before_any_host_is_touched() throws Exception {
        String id = fleet.nextId();
        DeploymentReport report = fleet.deploy(
                new RevisionZip().file("a", "a"), fleet.spec(id, DeploymentConfig.of("", "3"), fleet.target("", 5)));

        assertThat(report.errorCode()).isEqualTo("HEALTH_CONSTRAINTS_INVALID");
        assertThat(report.message()).contains("needs 3 of 3 hosts");
        assertThat(fleet.root(1).resolve("releases/" + id)).doesNotExist();
    }

    @Test
    void the_same_revision_again_is_not_uploaded_again_and_old_releases_are_pruned() throws Exception {
        Path zip = new RevisionZip().file("index.html", "same").write(dir.resolve("same.zip"));
        String a = fleet.nextId();
        fleet.deploy(zip, fleet.spec(a, DeploymentConfig.ALL_AT_ONCE, fleet.target("", 2)));
        String b = fleet.nextId();
        DeploymentReport again = fleet.deploy(zip, fleet.spec(b, DeploymentConfig.ALL_AT_ONCE, fleet.target("", 2)));
        String c = fleet.nextId();
        fleet.deploy(
                new RevisionZip().file("index.html", "c"),
                fleet.spec(c, DeploymentConfig.ALL_AT_ONCE, fleet.target("", 2)));
        String d = fleet.nextId();
        fleet.deploy(
                new RevisionZip().file("index.html", "d"),
                fleet.spec(d, DeploymentConfig.ALL_AT_ONCE, fleet.target("", 2)));

        assertThat(again.hosts().get(0).events().get(1).message()).isEqualTo("reused release " + a);
        assertThat(Files.readSymbolicLink(fleet.root(1).resolve("current"))).isEqualTo(Path.of("releases/" + d));
        try (var releases = Files.list(fleet.root(1).resolve("releases"))) {
            assertThat(releases.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(c, d);
        }
    }
}
