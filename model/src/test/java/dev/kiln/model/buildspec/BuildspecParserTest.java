package dev.kiln.model.buildspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.model.build.PhaseType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BuildspecParserTest {

    private static Buildspec fixture(String name) throws IOException {
        Path file = Path.of("src/test/resources/buildspec/valid", name);
        return BuildspecParser.parse(name, Files.readString(file)).orThrow();
    }

    @Test
    void full_buildspec_compiles_every_section() throws IOException {
        Buildspec b = fixture("02_full.yml");

        assertThat(b.version()).isEqualTo(BuildspecVersion.V0_2);
        assertThat(b.runAs()).contains("root");
        assertThat(b.env().shell()).contains("bash");
        assertThat(b.env().variables())
                .containsExactly(
                        java.util.Map.entry("GREETING", "hello world"),
                        java.util.Map.entry("RETRIES", "3"),
                        java.util.Map.entry("ENABLED", "yes"));
        assertThat(b.env().parameterStore()).containsEntry("DB_HOST", "/prod/db/host");
        assertThat(b.env().secretsManager()).containsEntry("TOKEN", "prod/token:api-key:AWSCURRENT");
        assertThat(b.env().exportedVariables()).containsExactly("IMAGE_TAG", "GREETING");
        assertThat(b.env().gitCredentialHelper()).isTrue();
        assertThat(b.proxy()).isEqualTo(new Proxy(true, false));
        assertThat(b.batch().orElseThrow().kind()).isEqualTo(Batch.Kind.GRAPH);
        assertThat(b.batch().orElseThrow().tasks().get(1).dependOn()).containsExactly("build1");
        assertThat(b.phases())
                .extracting(Phase::type)
                .containsExactly(PhaseType.INSTALL, PhaseType.PRE_BUILD, PhaseType.BUILD, PhaseType.POST_BUILD);
        Phase install = b.phase(PhaseType.INSTALL).orElseThrow();
        assertThat(install.runtimeVersions())
                .containsEntry("java", "corretto17")
                .containsEntry("python", "3.x");
        Phase build = b.phase(PhaseType.BUILD).orElseThrow();
        assertThat(build.runAs()).contains("builder");
        assertThat(build.onFailure().orElseThrow().retries()).isEqualTo(2);
        assertThat(build.finallyCommands()).extracting(Command::text).containsExactly("echo cleanup");
        assertThat(b.phase(PhaseType.PRE_BUILD).orElseThrow().commands().get(0).line())
                .isEqualTo(43);
        assertThat(b.reports()).extracting(ReportGroup::name).containsExactly("unit-tests", "coverage");
        assertThat(b.reports().get(0).discardPaths()).isTrue();
        assertThat(b.reports().get(1).fileFormat()).isEqualTo(ReportFileFormat.JACOCOXML);
        ArtifactSet primary = b.artifacts().orElseThrow().primary();
        assertThat(primary.files()).containsExactly("target/app.jar", "scripts/**/*");
        assertThat(primary.name()).contains("app-$(date +%F)");
        assertThat(primary.excludePaths()).containsExactly("**/*.tmp");
        assertThat(primary.enableSymlinks()).isTrue();
        assertThat(primary.s3Prefix()).contains("releases");
        assertThat(b.artifacts().orElseThrow().secondary()).containsKey("docs");
        Cache cache = b.cache().orElseThrow();
        assertThat(cache.key()).contains("deps-$(codebuild-hash-files package-lock.json)");
        assertThat(cache.fallbackKeys()).containsExactly("deps-");
        assertThat(cache.action()).contains(Cache.Action.RESTORE);
        assertThat(b.commandCount()).isEqualTo(5);
    }

    @Test
    void block_scalars_keep_lines_and_quotes() throws IOException {
        Buildspec b = fixture("03_block_scalars.yml");
        var commands = b.phase(PhaseType.BUILD).orElseThrow().commands();

        assertThat(commands.get(0).text()).isEqualTo("for i in 1 2 3; do\n  echo \"item $i\"\ndone\n");
        assertThat(commands.get(1).text()).contains("<<'END'\n").contains("line \"two\"\nEND\n");
        assertThat(commands.get(3).text()).isEqualTo("echo folded into one line");
    }

    @Test
    void version_01_is_accepted_with_a_warning() throws IOException {
        ParsedBuildspec parsed = BuildspecParser.parse(
                "04_version_01.yml", Files.readString(Path.of("src/test/resources/buildspec/valid/04_version_01.yml")));

        assertThat(parsed.buildspec().orElseThrow().version()).isEqualTo(BuildspecVersion.V0_1);
        assertThat(parsed.report().problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("fresh shell"));
    }

    @Test
    void or_throw_lists_every_problem() {
        ParsedBuildspec parsed = BuildspecParser.parse("b.yml", "phases:\n  buld:\n    commands: [x]\n");

        assertThatThrownBy(parsed::orThrow)
                .isInstanceOf(InvalidBuildspecException.class)
                .hasMessageContaining("b.yml:1:1: error: version: missing 'version'")
                .hasMessageContaining("b.yml:2:3: error: phases.buld: unknown key; did you mean 'build'?");
    }

    @Test
    void empty_file_is_an_error_not_a_crash() {
        ParsedBuildspec parsed = BuildspecParser.parse("e.yml", "");

        assertThat(parsed.report().format()).startsWith("e.yml:1:1: error: the file is empty");
    }
}
