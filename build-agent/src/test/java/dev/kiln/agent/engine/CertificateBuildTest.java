package dev.kiln.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.agent.backend.docker.DefaultImage;
import dev.kiln.agent.testing.Engines;
import dev.kiln.agent.testing.TestBuild;
import dev.kiln.model.build.StatusType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Added certificates reach the build's trust store: baked into the default image's derivation, or per build. */
@Tag("docker")
class CertificateBuildTest {
    private static final String BUILDSPEC = """
            version: 0.2
            phases:
              build:
                commands:
                  - grep -c 'BEGIN CERTIFICATE' "$NODE_EXTRA_CA_CERTS"
            """;

    @TempDir
    Path work;

    private String pem() throws Exception {
        return Files.readString(Path.of("src/test/resources/certificates/test-ca.pem"));
    }

    @Test
    void on_the_default_image_the_certificate_is_in_the_system_trust_store_of_a_derived_image() throws Exception {
        var result = new TestBuild(Engines.docker(), work)
                .image(DefaultImage.REFERENCE)
                .certificate(pem())
                .buildspec("""
                        version: 0.2
                        phases:
                          build:
                            commands:
                              - openssl verify -CAfile /etc/ssl/certs/ca-certificates.crt /usr/local/share/ca-certificates/kiln-0.crt | cut -d' ' -f2
                        """)
                .run();

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.SUCCEEDED);
        assertThat(result.text()).containsPattern("1 added certificate\\(s\\): image kiln/standard:1-rt-[0-9a-f]{12}");
        assertThat(result.output()).containsExactly("OK");
    }

    @Test
    void on_another_image_it_is_installed_per_build_and_given_to_node() throws Exception {
        var result = new TestBuild(Engines.docker(), work)
                .certificate(pem())
                .buildspec(BUILDSPEC)
                .run();

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.SUCCEEDED);
        assertThat(result.text()).contains("Trusting 1 added certificate(s): the image has no update-ca-certificates");
        assertThat(result.output()).containsExactly("1");
    }
}
