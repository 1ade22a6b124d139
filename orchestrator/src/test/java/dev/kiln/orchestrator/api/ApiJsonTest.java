package dev.kiln.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.model.api.AgentKind;
import dev.kiln.model.deploy.DeploymentReport;
import dev.kiln.model.job.AgentHello;
import dev.kiln.model.job.JobResult;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

/** A body whose status or kind is not one of the API's words is a 400 naming the field, never a 500. */
class ApiJsonTest {
    @Test
    void known_words_read_as_the_enums() {
        AgentHello hello = ApiJson.read(
                Buffer.buffer(
                        "{\"name\": \"a\", \"kind\": \"deploy\", \"labels\": [], \"maxJobs\": 1, \"running\": []}"),
                AgentHello.class);

        assertThat(hello.kind()).isEqualTo(AgentKind.DEPLOY);
    }

    @Test
    void an_unknown_agent_kind_names_the_field() {
        assertThatThrownBy(() -> ApiJson.read(
                        Buffer.buffer(
                                "{\"name\": \"a\", \"kind\": \"spy\", \"labels\": [], \"maxJobs\": 1, \"running\": []}"),
                        AgentHello.class))
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("field kind:");
    }

    @Test
    void an_unknown_build_or_deployment_status_names_the_field() {
        assertThatThrownBy(() -> ApiJson.read(
                        Buffer.buffer(
                                "{\"buildStatus\": \"GREAT\", \"message\": \"\", \"outputs\": {}, \"logLines\": 0}"),
                        JobResult.class))
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("field buildStatus:");
        assertThatThrownBy(() -> ApiJson.read(
                        Buffer.buffer("{\"status\": \"Fine\", \"errorCode\": \"\", \"message\": \"\", \"hosts\": [],"
                                + " \"learnedHostKeys\": []}"),
                        DeploymentReport.class))
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("field status:");
    }
}
