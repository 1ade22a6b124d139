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

    @Test
    void an_unknown_object_operation_names_the_field() {
        assertThatThrownBy(() -> ApiJson.read(
                        Buffer.buffer("{\"operation\": \"COPY\", \"key\": \"runs/1/a.zip\"}"),
                        dev.kiln.model.job.ObjectGrantRequest.class))
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("field operation:");
    }

    /** Bodies a client gets wrong, each answered with what is wrong in JSON's terms and no Java or parser text. */
    @Test
    void malformed_or_mistyped_bodies_name_the_problem_without_internals() {
        String hello = "{\"name\": \"a\", \"kind\": \"build\", \"labels\": [], \"maxJobs\": 1, \"running\": []}";
        java.util.Map<String, String> bodies = new java.util.LinkedHashMap<>();
        bodies.put("{\"name\": ", "the body is not JSON");
        bodies.put("{name: 1}", "the body is not JSON");
        bodies.put("[1, 2]", "the body: expected an object");
        bodies.put("\"text\"", "the body: expected an object");
        bodies.put(hello.replace("\"a\"", "{\"x\": 1}"), "field name: expected a string");
        bodies.put(hello.replace("\"maxJobs\": 1", "\"maxJobs\": \"many\""), "field maxJobs: expected a number");
        bodies.put(hello.replace("\"maxJobs\": 1", "\"maxJobs\": null"), "field maxJobs: expected a number");
        bodies.put(hello.replace("\"labels\": []", "\"labels\": 7"), "field labels: expected an array");
        bodies.put(hello.replace("\"running\": []", "\"running\": [], \"spy\": true"), "field spy is not one of");
        for (var body : bodies.entrySet()) {
            assertThatThrownBy(() -> ApiJson.read(Buffer.buffer(body.getKey()), AgentHello.class))
                    .as(body.getKey())
                    .isInstanceOf(BadRequestException.class)
                    .hasMessageStartingWith(body.getValue())
                    .message()
                    .doesNotContain("dev.kiln", "java.", "Source:", "`", "REDACTED", "jackson");
        }
        assertThatThrownBy(() -> ApiJson.tree(Buffer.buffer("{\"a\": [1, }")))
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("the body is not JSON")
                .hasMessageContaining("line 1, column")
                .message()
                .doesNotContain("Source:", "REDACTED");
    }
}
