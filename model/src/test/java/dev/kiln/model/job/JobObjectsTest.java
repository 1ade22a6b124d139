package dev.kiln.model.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobObjectsTest {

    private static JobSpec job(String type, String repository) {
        return new JobSpec(
                "j1",
                "7",
                "web",
                "build",
                "compile",
                type,
                1,
                "abc",
                "refs/heads/main",
                "",
                List.of(new JobInput("source", "runs/7/source.zip")),
                List.of("out"),
                "runs/7/build/compile/1",
                Map.of(JobObjects.REPOSITORY, repository),
                60,
                0);
    }

    @Test
    void a_build_reads_its_inputs_and_owns_its_outputs_and_its_repositorys_caches() {
        JobSpec build = job("build", "shop");
        assertThat(JobObjects.allows(build, ObjectOperation.GET, "runs/7/source.zip"))
                .isTrue();
        assertThat(JobObjects.allows(build, ObjectOperation.PUT, "runs/7/build/compile/1/out.zip"))
                .isTrue();
        assertThat(JobObjects.allows(build, ObjectOperation.DELETE, "caches/shop%2Fweb-build/paths/manifest.json"))
                .isTrue();
        assertThat(JobObjects.allowsListing(build, "caches/shop%2F")).isTrue();
    }

    @Test
    void a_build_touches_nothing_else() {
        JobSpec build = job("build", "shop");
        assertThat(JobObjects.allows(build, ObjectOperation.PUT, "runs/7/source.zip"))
                .as("an input is read-only")
                .isFalse();
        assertThat(JobObjects.allows(build, ObjectOperation.GET, "runs/8/build/compile/1/out.zip"))
                .as("another run's artifacts")
                .isFalse();
        assertThat(JobObjects.allows(build, ObjectOperation.GET, "runs/7/build/compile/10/out.zip"))
                .as("another attempt's prefix that merely starts alike")
                .isFalse();
        assertThat(JobObjects.allows(build, ObjectOperation.PUT, "caches/shop.db%2Fweb/paths/x.tar"))
                .as("repository shop.db's caches")
                .isFalse();
        assertThat(JobObjects.allowsListing(build, "caches/")).isFalse();
        assertThat(JobObjects.allowsListing(build, "")).isFalse();
        assertThat(JobObjects.allows(build, ObjectOperation.GET, "runs/7/build/compile/1/../../../8/x.zip"))
                .isFalse();
        assertThat(JobObjects.allows(build, ObjectOperation.GET, "runs/7/build/compile/1//x"))
                .isFalse();
    }

    @Test
    void a_deploy_job_reads_its_inputs_only() {
        JobSpec deploy = job("deploy", "shop");
        assertThat(JobObjects.allows(deploy, ObjectOperation.GET, "runs/7/source.zip"))
                .isTrue();
        assertThat(JobObjects.allows(deploy, ObjectOperation.PUT, "runs/7/build/compile/1/out.zip"))
                .isFalse();
        assertThat(JobObjects.allows(deploy, ObjectOperation.GET, "caches/shop%2Fweb/paths/manifest.json"))
                .isFalse();
    }

    @Test
    void a_job_without_a_proper_repository_has_no_caches() {
        assertThat(JobObjects.cachePrefix(job("build", ""))).isEmpty();
        assertThat(JobObjects.cachePrefix(job("build", "a/b"))).isEmpty();
        assertThat(JobObjects.cachePrefix(job("build", "shop"))).contains("caches/shop%2F");
    }

    @Test
    void malformed_keys_are_named() {
        assertThat(JobObjects.malformed("")).isPresent();
        assertThat(JobObjects.malformed("/runs/x")).isPresent();
        assertThat(JobObjects.malformed("runs/./x")).isPresent();
        assertThat(JobObjects.malformed("runs/x\n")).isPresent();
        assertThat(JobObjects.malformed("x".repeat(JobObjects.MAX_KEY + 1))).isPresent();
        assertThat(JobObjects.malformed("runs/7/a b.zip")).isEmpty();
    }
}
