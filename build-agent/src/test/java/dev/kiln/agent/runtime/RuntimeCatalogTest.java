package dev.kiln.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeCatalogTest {
    private final RuntimeCatalog catalog = RuntimeCatalog.DEBIAN_12;

    private String version(String name, String requested) {
        RuntimeCatalog.Selection s = catalog.select(Map.of(name, requested));
        return s.error() != null ? s.error() : s.runtimes().get(0).version();
    }

    @Test
    void versions_as_codebuild_images_take_them() {
        assertThat(version("java", "17")).isEqualTo("17");
        assertThat(version("java", "corretto17")).isEqualTo("17");
        assertThat(version("java", "latest")).isEqualTo("17");
        assertThat(version("nodejs", "18.x")).isEqualTo("18");
        assertThat(version("python", "3.x")).isEqualTo("3.11");
        assertThat(version("python", "3.11")).isEqualTo("3.11");
        assertThat(version("python", "3.11.x")).isEqualTo("3.11");
    }

    @Test
    void several_runtimes_need_each_package_once_in_name_order() {
        RuntimeCatalog.Selection s = catalog.select(Map.of("python", "3.11", "java", "17"));

        assertThat(s.describe()).isEqualTo("java 17, python 3.11");
        assertThat(s.packages())
                .containsExactly("openjdk-17-jdk-headless", "maven", "python3", "python3-pip", "python3-venv");
    }

    @Test
    void an_unknown_runtime_or_version_names_what_is_available() {
        assertThat(version("java", "21"))
                .isEqualTo("runtime java 21 is not available on this image; available: golang 1.19, java 17,"
                        + " nodejs 18, php 8.2, python 3.11, ruby 3.1");
        assertThat(version("python", "3.1")).startsWith("runtime python 3.1 is not available");
        assertThat(version("dotnet", "8.0")).startsWith("runtime dotnet 8.0 is not available");
    }
}
