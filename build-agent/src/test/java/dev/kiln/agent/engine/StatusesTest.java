package dev.kiln.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.kiln.agent.backend.ComputeType;
import dev.kiln.agent.backend.EnvironmentSpec;
import dev.kiln.agent.backend.docker.DefaultImage;
import dev.kiln.agent.backend.docker.DockerBackend;
import dev.kiln.agent.testing.Engines;
import dev.kiln.agent.testing.TestBuild;
import dev.kiln.kit.ProgressListener;
import dev.kiln.kit.engine.EngineRace;
import dev.kiln.kit.engine.Labels;
import dev.kiln.kit.testing.TestImages;
import dev.kiln.model.build.BuildPhase;
import dev.kiln.model.build.PhaseType;
import dev.kiln.model.build.StatusType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FAILED for the user's failures, FAULT for ours, TIMED_OUT and STOPPED, each leaving no container behind. */
@Tag("docker")
class StatusesTest {
    @TempDir
    Path work;

    private static List<Container> containersOf(String buildId) {
        DockerClient client = Engines.docker().engine().client();
        return EngineRace.retrying(() -> client.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(Labels.BUILD_ID, buildId))
                .exec());
    }

    /** The engine removes a finished build's container itself (AutoRemove); give it a few seconds. */
    private static List<Container> containersAfterCleanup(String buildId) throws InterruptedException {
        List<Container> left = containersOf(buildId);
        for (int i = 0; i < 100 && !left.isEmpty(); i++) {
            Thread.sleep(100);
            left = containersOf(buildId);
        }
        return left;
    }

    private static BuildPhase last(TestBuild.Result result, PhaseType type) {
        return result.phase(type).orElseThrow();
    }

    @Test
    void a_build_past_its_timeout_is_timed_out_and_its_container_is_gone() throws IOException {
        var result = new TestBuild(Engines.docker(), work)
                // long enough for the container to start on a loaded machine, so that the timeout falls in BUILD
                .timeout(Duration.ofSeconds(6))
                .buildspec("""
                        version: 0.2
                        phases:
                          build:
                            commands:
                              - echo started
                              - sleep 60
                          post_build:
                            commands:
                              - echo never
                        """)
                .run();

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.TIMED_OUT);
        assertThat(last(result, PhaseType.BUILD).phaseStatus()).isEqualTo(StatusType.TIMED_OUT);
        assertThat(result.output()).containsExactly("started");
        assertThat(Duration.between(result.build().startTime(), result.build().endTime()))
                .isLessThan(Duration.ofSeconds(30));
        assertThat(containersOf(result.build().id())).isEmpty();
    }

    @Test
    void a_stop_request_stops_the_build_and_removes_its_container() throws IOException {
        var runner = new java.util.concurrent.atomic.AtomicReference<dev.kiln.agent.engine.BuildRunner>();
        var result = new TestBuild(Engines.docker(), work)
                .buildspec("""
                        version: 0.2
                        phases:
                          build:
                            commands:
                              - echo started
                              - sleep 60
                        """)
                .beforeRun(runner::set)
                .onLine(line -> {
                    if (line.equals("started")) { // stop once the command runs, however long the start took
                        Thread stopper = new Thread(() -> runner.get().control().stop()); // not on the log's thread
                        stopper.setDaemon(true);
                        stopper.start();
                    }
                })
                .run();

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.STOPPED);
        assertThat(last(result, PhaseType.BUILD).phaseStatus()).isEqualTo(StatusType.STOPPED);
        assertThat(containersOf(result.build().id())).isEmpty();
    }

    @Test
    void a_missing_image_that_cannot_be_pulled_is_a_fault_that_names_it() throws IOException {
        var result = new TestBuild(Engines.docker(), work)
                .image("127.0.0.1:1/kiln-test/does-not-exist:1")
                .buildspec("version: 0.2\nphases:\n  build:\n    commands:\n      - echo never\n")
                .run();

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.FAULT);
        BuildPhase provisioning = last(result, PhaseType.PROVISIONING);
        assertThat(provisioning.phaseStatus()).isEqualTo(StatusType.FAULT);
        assertThat(provisioning.contexts().get(0).statusCode()).isEqualTo("BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE");
        assertThat(provisioning.contexts().get(0).message())
                .contains("127.0.0.1:1/kiln-test/does-not-exist:1")
                .contains("pulling it failed");
        assertThat(result.phaseTypes()).doesNotContain(PhaseType.DOWNLOAD_SOURCE, PhaseType.BUILD);
    }

    @Test
    void an_unreachable_engine_is_a_fault_that_says_what_was_tried() throws IOException {
        DockerBackend nowhere = new DockerBackend(
                Map.of("DOCKER_HOST", "unix://" + work.resolve("no-engine.sock")), new DefaultImage());
        var result = new TestBuild(nowhere, work)
                .buildspec("version: 0.2\nphases:\n  build:\n    commands:\n      - echo never\n")
                .run();

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.FAULT);
        BuildPhase provisioning = last(result, PhaseType.PROVISIONING);
        assertThat(provisioning.contexts().get(0).statusCode()).isEqualTo("ENGINE_UNAVAILABLE");
        assertThat(provisioning.contexts().get(0).message())
                .contains("no container engine answered")
                .contains(work.resolve("no-engine.sock") + ": no such socket")
                .contains("--backend process");
    }

    @Test
    void a_container_killed_for_memory_is_a_fault() throws IOException {
        DockerBackend small = Engines.docker().withMemoryCap(64L * 1024 * 1024);
        var result = new TestBuild(small, work).buildspec("""
                        version: 0.2
                        phases:
                          build:
                            commands:
                              - dd if=/dev/zero of=/dev/null bs=300M count=1
                          post_build:
                            commands:
                              - echo never
                        """).run();

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.FAULT);
        BuildPhase build = last(result, PhaseType.BUILD);
        assertThat(build.phaseStatus()).isEqualTo(StatusType.FAULT);
        assertThat(build.contexts().get(0).statusCode()).isEqualTo("OUT_OF_MEMORY");
        assertThat(build.contexts().get(0).message()).contains("ran out of memory");
        assertThat(result.phaseTypes()).doesNotContain(PhaseType.POST_BUILD);
    }

    @Test
    void orphans_of_a_dead_process_are_reaped_and_live_ones_are_left() throws Exception {
        DockerClient client = Engines.docker().engine().client();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Map<String, String> orphanLabels = new java.util.HashMap<>(Labels.forBuild("test-project:orphan"));
        orphanLabels.put(Labels.OWNER_PID, Long.toString(gone.pid()));
        String orphan = client.createContainerCmd(TestImages.BUSYBOX)
                .withLabels(orphanLabels)
                .withCmd("sleep", "60")
                .exec()
                .getId();
        String live = client.createContainerCmd(TestImages.BUSYBOX)
                .withLabels(Labels.forBuild("test-project:live"))
                .withCmd("sleep", "60")
                .exec()
                .getId();
        try {
            List<String> reaped = dev.kiln.agent.backend.docker.OrphanReaper.reap(client);

            assertThat(reaped).contains(orphan).doesNotContain(live);
            assertThat(containersOf("test-project:orphan")).isEmpty();
            assertThat(containersOf("test-project:live")).hasSize(1);
        } finally {
            EngineRace.retrying(
                    () -> client.removeContainerCmd(live).withForce(true).exec());
        }
    }

    @Test
    void compute_types_become_memory_and_cpu_limits_capped_to_the_host() throws Exception {
        DockerBackend docker = Engines.docker();
        var spec = new EnvironmentSpec(
                "test-project:limits",
                TestImages.BUSYBOX,
                ComputeType.BUILD_GENERAL1_2XLARGE,
                false,
                "/codebuild/output/src1/src",
                Map.of());
        try (var env = docker.provision(spec, ProgressListener.none())) {
            assertThat(env.sourceDirectory()).isEqualTo("/codebuild/output/src1/src");
            var host = Engines.docker()
                    .engine()
                    .client()
                    .inspectContainerCmd(
                            containersOf("test-project:limits").get(0).getId())
                    .exec()
                    .getHostConfig();
            long hostMemory = docker.engine().memoryBytes();
            assertThat(host.getMemory()).isEqualTo(Math.min(145L << 30, hostMemory));
            assertThat(host.getNanoCPUs())
                    .isEqualTo(Math.min(72, docker.engine().cpus()) * 1_000_000_000L);
            assertThat(host.getPrivileged()).isFalse();
            assertThat(host.getAutoRemove()).isTrue();
            assertThat(host.getPidsLimit())
                    .as("processes a build may hold at once")
                    .isEqualTo(4096L);
        }
        assertThat(containersAfterCleanup("test-project:limits")).isEmpty();
    }

    @Test
    void an_agents_cgroup_parent_holds_its_build_containers() throws Exception {
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put(DockerBackend.CGROUP_PARENT, "/kiln-test-agent");
        DockerBackend docker = new DockerBackend(env, new dev.kiln.agent.backend.docker.DefaultImage());
        var spec = new EnvironmentSpec(
                "test-project:cgroup",
                TestImages.BUSYBOX,
                ComputeType.BUILD_GENERAL1_SMALL,
                false,
                "/codebuild/output/src3/src",
                Map.of());
        try (var env2 = docker.provision(spec, ProgressListener.none())) {
            assertThat(env2.description()).contains(TestImages.BUSYBOX);
            var host = docker.engine()
                    .client()
                    .inspectContainerCmd(
                            containersOf("test-project:cgroup").get(0).getId())
                    .exec()
                    .getHostConfig();
            assertThat(host.getCgroupParent()).isEqualTo("/kiln-test-agent");
            assertThat(host.getNanoCPUs())
                    .as("the parent's CPU limit holds (cgroup v1 refuses a child's quota above it)")
                    .isIn(null, 0L);
            assertThat(host.getMemory()).isPositive();
        }
        assertThat(containersAfterCleanup("test-project:cgroup")).isEmpty();
        removeCgroup("kiln-test-agent");
        var unset = Engines.docker();
        var plain = new EnvironmentSpec(
                "test-project:no-cgroup",
                TestImages.BUSYBOX,
                ComputeType.BUILD_GENERAL1_SMALL,
                false,
                "/codebuild/output/src4/src",
                Map.of());
        try (var env3 = unset.provision(plain, ProgressListener.none())) {
            assertThat(env3.description()).contains(TestImages.BUSYBOX);
            assertThat(unset.engine()
                            .client()
                            .inspectContainerCmd(containersOf("test-project:no-cgroup")
                                    .get(0)
                                    .getId())
                            .exec()
                            .getHostConfig()
                            .getCgroupParent())
                    .as("the engine's own without it")
                    .isNotEqualTo("/kiln-test-agent");
        }
    }

    /**
     * Removes the cgroup an engine with the cgroupfs driver made for a parent (empty once its containers are gone),
     * under every controller; nothing where there is none (systemd's driver, cgroup v2 namespaces).
     */
    private static void removeCgroup(String name) throws java.io.IOException, InterruptedException {
        java.nio.file.Path root = java.nio.file.Path.of("/sys/fs/cgroup");
        if (!java.nio.file.Files.isDirectory(root)) {
            return;
        }
        List<java.nio.file.Path> made = new java.util.ArrayList<>();
        made.add(root.resolve(name));
        try (var controllers = java.nio.file.Files.list(root)) {
            controllers.forEach(c -> made.add(c.resolve(name)));
        }
        made.removeIf(c -> !java.nio.file.Files.isDirectory(c) || java.nio.file.Files.isSymbolicLink(c));
        // the container's monitor (conmon) may leave its cgroup a moment after the container is gone
        for (int attempt = 0; attempt < 50 && !made.isEmpty(); attempt++) {
            for (java.nio.file.Path cgroup : made) {
                try (var tree = java.nio.file.Files.walk(cgroup)) {
                    tree.filter(java.nio.file.Files::isDirectory)
                            .sorted(java.util.Comparator.reverseOrder())
                            .forEach(d -> d.toFile().delete()); // a cgroup goes with rmdir, files and all
                } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException e) {
                    // removed meanwhile
                }
            }
            made.removeIf(c -> !java.nio.file.Files.exists(c));
            if (!made.isEmpty()) {
                Thread.sleep(200);
            }
        }
    }

    @Test
    void a_finished_build_leaves_no_container() throws Exception {
        var result = new TestBuild(Engines.docker(), work)
                .buildspec("version: 0.2\nphases:\n  build:\n    commands:\n      - echo done\n")
                .run();

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.SUCCEEDED);
        assertThat(containersAfterCleanup(result.build().id())).isEmpty();
    }

    @Test
    void privileged_mode_only_when_asked() throws Exception {
        DockerBackend docker = Engines.docker();
        var spec = new EnvironmentSpec(
                "test-project:privileged",
                TestImages.BUSYBOX,
                ComputeType.BUILD_GENERAL1_SMALL,
                true,
                "/codebuild/output/src2/src",
                Map.of());
        try (var env = docker.provision(spec, ProgressListener.none())) {
            assertThat(env.description()).contains(TestImages.BUSYBOX);
            var host = docker.engine()
                    .client()
                    .inspectContainerCmd(
                            containersOf("test-project:privileged").get(0).getId())
                    .exec()
                    .getHostConfig();
            assertThat(host.getPrivileged()).isTrue();
        }
        assertThat(containersAfterCleanup("test-project:privileged")).isEmpty();
    }
}
