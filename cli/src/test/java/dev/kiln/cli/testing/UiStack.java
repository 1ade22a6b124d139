package dev.kiln.cli.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.client.KilnClient;
import dev.kiln.model.api.Role;
import dev.kiln.orchestrator.server.KilnServer;
import dev.kiln.ui.UiServer;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A whole stack for browser tests: an orchestrator on embedded PostgreSQL and S3, a build agent process, the UI, a
 * git repository it polls every second, and chromium logged in as an operator.
 */
public final class UiStack implements AutoCloseable {
    public final KilnServer server;
    public final Api api;
    public final GitRemote remote;
    public final AgentProcess agent;
    public final UiServer ui;
    public final ChromeDriver browser;

    private UiStack(
            KilnServer server, Api api, GitRemote remote, AgentProcess agent, UiServer ui, ChromeDriver browser) {
        this.server = server;
        this.api = api;
        this.remote = remote;
        this.agent = agent;
        this.ui = ui;
        this.browser = browser;
    }

    /** Starts it all under {@code dir}. */
    public static UiStack start(Path dir) throws Exception {
        KilnServer server = Runs.server(dir.resolve("data"));
        try {
            String token = server.newToken("test");
            Api api = new Api(server.url(), token);
            GitRemote remote = GitRemote.create(dir, "shop");
            remote.write("README.md", "# shop\n").commitAndPush("start");
            api.post("/api/v1/repositories", "{\"url\": \"" + remote.bare() + "\", \"pollIntervalSeconds\": 1}");
            AgentProcess agent = AgentProcess.start(server.url(), token, dir.resolve("agent.log"));
            UiServer ui = UiServer.start("127.0.0.1", 0, new KilnClient(server.url(), token));
            server.addUser("olga", "an operator's passphrase", Role.OPERATOR);
            ChromeDriver browser = Browser.open(dir);
            Pages.logIn(browser, ui.url().toString(), "olga", "an operator's passphrase");
            return new UiStack(server, api, remote, agent, ui, browser);
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    /** The job of an action of the newest run, once it exists, with its {@code runId}. */
    public JsonNode job(String action, Duration timeout) throws InterruptedException {
        return Waits.until(timeout, "a job for action " + action, () -> jobNow(action));
    }

    /** The job of an action of the newest run, once it has ended. */
    public JsonNode ended(String action, Duration timeout) throws InterruptedException {
        return Waits.until(timeout, "the job of action " + action + " to end", () -> {
            JsonNode job = jobNow(action);
            return job == null || job.path("endedAt").isNull() ? null : job;
        });
    }

    private JsonNode jobNow(String action) {
        JsonNode runs = api.get("/api/v1/runs?limit=1").body();
        if (runs.isEmpty()) {
            return null;
        }
        String run = runs.get(0).path("id").asText();
        for (JsonNode job : api.get("/api/v1/runs/" + run + "/jobs").body()) {
            if (job.path("action").asText().equals(action)) {
                return ((ObjectNode) job).put("runId", run);
            }
        }
        return null;
    }

    /** The log page of a job. */
    public String logPage(JsonNode job) {
        return ui.url() + "runs/" + job.path("runId").asText() + "/logs/"
                + job.path("id").asText();
    }

    @Override
    public void close() {
        browser.quit();
        ui.close();
        agent.close();
        server.close();
    }
}
