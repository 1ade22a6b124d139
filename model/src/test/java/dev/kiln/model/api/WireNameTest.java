package dev.kiln.model.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API's enums say the services' words, read them back, and refuse words they do not know. */
class WireNameTest {
    private static final List<Class<? extends WireName>> ENUMS = List.of(
            ExecutionStatus.class,
            JobState.class,
            DeploymentStatus.class,
            LifecycleStatus.class,
            Trigger.class,
            AgentKind.class,
            DeploymentCreator.class,
            Role.class,
            HealthStatus.class,
            ChangeKind.class);

    @Test
    void every_constant_reads_back_from_its_wire_name_and_prints_as_it() {
        for (Class<? extends WireName> type : ENUMS) {
            for (WireName constant : type.getEnumConstants()) {
                assertThat(of(type, constant.wireName())).isSameAs(constant);
                assertThat(constant).hasToString(constant.wireName());
            }
            assertThat(Arrays.stream(type.getEnumConstants()).map(WireName::wireName))
                    .as(type.getSimpleName() + "'s wire names")
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void the_services_own_words() {
        assertThat(ExecutionStatus.IN_PROGRESS.wireName()).isEqualTo("InProgress");
        assertThat(JobState.QUEUED.wireName()).isEqualTo("Queued");
        assertThat(DeploymentStatus.IN_PROGRESS.wireName()).isEqualTo("InProgress");
        assertThat(LifecycleStatus.SKIPPED.wireName()).isEqualTo("Skipped");
        assertThat(Trigger.WEBHOOK.wireName()).isEqualTo("webhook");
        assertThat(Role.ADMIN.wireName()).isEqualTo("admin");
    }

    @Test
    void an_unknown_word_is_refused_naming_the_known_ones() {
        assertThatThrownBy(() -> ExecutionStatus.of("Running"))
                .isInstanceOf(UnknownNameException.class)
                .hasMessage("'Running' is not one of InProgress, Stopping, Stopped, Succeeded, Superseded, Failed,"
                        + " Abandoned");
        assertThatThrownBy(() -> JobState.of("in_progress")).isInstanceOf(UnknownNameException.class);
        assertThatThrownBy(() -> Role.of(null)).isInstanceOf(UnknownNameException.class);
    }

    @Test
    void roles_are_read_in_any_case_and_cover_the_ones_below() {
        assertThat(Role.of(" Operator ")).isEqualTo(Role.OPERATOR);
        assertThat(Role.ADMIN.covers(Role.OPERATOR)).isTrue();
        assertThat(Role.VIEWER.covers(Role.OPERATOR)).isFalse();
        assertThat(Role.OPERATOR.withArticle()).isEqualTo("an operator");
    }

    @Test
    void final_statuses() {
        assertThat(Arrays.stream(ExecutionStatus.values()).filter(ExecutionStatus::isFinal))
                .containsExactly(
                        ExecutionStatus.STOPPED,
                        ExecutionStatus.SUCCEEDED,
                        ExecutionStatus.SUPERSEDED,
                        ExecutionStatus.FAILED,
                        ExecutionStatus.ABANDONED);
        assertThat(Arrays.stream(JobState.values()).filter(s -> !s.isFinal()))
                .containsExactly(JobState.QUEUED, JobState.LEASED, JobState.RUNNING);
        assertThat(Arrays.stream(DeploymentStatus.values()).filter(DeploymentStatus::isFinal))
                .containsExactly(DeploymentStatus.SUCCEEDED, DeploymentStatus.FAILED, DeploymentStatus.STOPPED);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static WireName of(Class<? extends WireName> type, String name) {
        return (WireName) WireName.of((Class) type, name);
    }
}
