package dev.kiln.model.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.model.build.PhaseType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the contract's pipeline file compiles into, defaults included. */
class PipelineParserTest {
    private static Pipeline parse(String fixture) throws Exception {
        Path file = Path.of("src/test/resources/pipeline/valid", fixture);
        return PipelineParser.parse(fixture, Files.readString(file)).pipeline().orElseThrow();
    }

    @Test
    void the_contract_file_compiles_into_its_plan() throws Exception {
        Pipeline pipeline = parse("01_contract.yml");

        assertThat(pipeline.name()).contains("hello");
        assertThat(pipeline.trigger().branches()).containsExactly("main", "release/*");
        assertThat(pipeline.trigger().paths()).containsExactly("src/**");
        assertThat(pipeline.executionMode()).isEqualTo(ExecutionMode.SUPERSEDED);
        assertThat(pipeline.variables()).isEqualTo(Map.of("APP_NAME", "hello"));
        assertThat(pipeline.stages())
                .extracting(Stage::name)
                .containsExactly("build", "test", "deploy-dev", "approve", "deploy-prod");
        Action compile = pipeline.stage("build").orElseThrow().actions().get(0);
        assertThat(compile.type()).isEqualTo(ActionType.BUILD);
        assertThat(compile.buildspec()).contains(new ActionBuildspec.InInput("buildspec.yml"));
        assertThat(compile.image()).contains("optional-image");
        assertThat(compile.computeType()).contains("MEDIUM");
        assertThat(compile.privileged()).isTrue();
        assertThat(pipeline.stage("test").orElseThrow().actions().get(0).privileged())
                .isFalse();
        assertThat(compile.outputs()).containsExactly("app");
        Action unit = pipeline.stage("test").orElseThrow().actions().get(0);
        assertThat(unit.inputs()).containsExactly("source", "app");
        Action ship = pipeline.stage("deploy-prod").orElseThrow().actions().get(0);
        assertThat(ship.environment()).contains("prod");
        assertThat(ship.buildspec()).isEmpty();
        Action release = pipeline.stage("approve").orElseThrow().actions().get(0);
        assertThat(release.type()).isEqualTo(ActionType.APPROVAL);
        assertThat(release.timeoutMinutes()).contains(60);
        assertThat(release.inputs()).isEmpty();
    }

    @Test
    void defaults_every_branch_superseded_source_input_and_buildspec_yml() throws Exception {
        Pipeline pipeline = parse("03_minimal.yml");

        assertThat(pipeline.name()).isEmpty();
        assertThat(pipeline.trigger()).isEqualTo(PushTrigger.EVERY_BRANCH);
        assertThat(pipeline.executionMode()).isEqualTo(ExecutionMode.SUPERSEDED);
        Action build = pipeline.stages().get(0).actions().get(0);
        assertThat(build.inputs()).containsExactly("source");
        assertThat(build.outputs()).isEmpty();
        assertThat(build.runOrder()).isEqualTo(1);
        assertThat(build.buildspec()).contains(new ActionBuildspec.InInput("buildspec.yml"));
        assertThat(build.line()).isEqualTo(5);
    }

    @Test
    void an_inline_buildspec_is_compiled_with_the_pipeline() throws Exception {
        Pipeline pipeline = parse("02_inline_and_run_order.yml");

        assertThat(pipeline.executionMode()).isEqualTo(ExecutionMode.QUEUED);
        List<Action> actions = pipeline.stages().get(0).actions();
        ActionBuildspec.Inline inline =
                (ActionBuildspec.Inline) actions.get(0).buildspec().orElseThrow();
        assertThat(inline.buildspec().phase(PhaseType.BUILD)).isPresent();
        assertThat(actions.get(1).runOrder()).isEqualTo(2);
        assertThat(actions.get(1).inputs()).containsExactly("app", "source");
        assertThat(actions.get(1).labels()).containsExactly("docker");
        assertThat(actions.get(1).timeoutMinutes()).isEqualTo(Optional.of(30));
        assertThat(actions.get(0).timeoutMinutes()).isEmpty();
    }
}
