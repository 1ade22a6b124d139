package dev.kiln.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.kiln.cli.KilnMain;
import dev.kiln.cli.testing.Api;
import dev.kiln.cli.testing.Browser;
import dev.kiln.cli.testing.GitRemote;
import dev.kiln.cli.testing.Pages;
import dev.kiln.cli.testing.Waits;
import dev.kiln.kit.engine.EngineRace;
import dev.kiln.kit.remote.ServerConfig;
import dev.kiln.kit.testing.TestEngine;
import dev.kiln.model.api.AgentTokenInfo;
import dev.kiln.model.api.Environment;
import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.model.api.Run;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The README's example of a whole delivery, as a user runs it: {@code kiln up --example service} builds the service
 * and its image, deploys it to dev over SSH (a local OpenSSH server Kiln starts), waits for the approval, then runs
 * it in prod as a container on the local engine.
 */
@Tag("docker")
class ServiceExampleTest {
    @TempDir
    Path dir;

    Process up;
    ChromeDriver browser;

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (up != null) {
            up.destroy();
            up.waitFor(30, TimeUnit.SECONDS);
        }
        Path pid = dir.resolve("home/server/example-hosts/dev/service.pid");
        if (Files.exists(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroy);
        }
        DockerClient docker = TestEngine.shared().client();
        for (Container c : EngineRace.retrying(() -> docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of("kiln.environment-name", "prod", "kiln.container", "service"))
                .exec())) {
            EngineRace.retrying(
                    () -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
        }
    }

    /** Starts {@code kiln up} with {@code args}, its output in {@code log}; answers its API once it is ready. */
    private Api up(String log, String... args) throws Exception {
        Path config = dir.resolve("config");
        List<String> command = new java.util.ArrayList<>(KilnMain.command("up", "--port", "0", "--ui-port", "0"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile());
        builder.environment().put("KILN_HOME", dir.resolve("home").toString());
        builder.environment().put("KILN_CONFIG", config.toString());
        builder.environment()
                .put(
                        "KILN_EXAMPLES",
                        Path.of("..", "pipelines-examples").toAbsolutePath().toString());
        up = builder.start();
        Waits.until(Duration.ofSeconds(120), "kiln up to be ready", () -> {
            try {
                return Files.readString(dir.resolve(log)).contains("kiln up: ready at") ? true : null;
            } catch (IOException e) {
                return null;
            }
        });
        ServerConfig server =
                ServerConfig.resolve(Optional.empty(), Optional.empty(), Map.of("KILN_CONFIG", config.toString()));
        return new Api(server.server(), server.token());
    }

    @Test
    void the_service_goes_to_dev_over_ssh_then_after_approval_to_prod_as_a_container() throws Exception {
        Api api = up("up.log", "--example", "service");

        Waits.until(Duration.ofSeconds(420), "run 1 to wait for its approval", () -> {
            Run run = api.get("/api/v1/runs/1").as(Run.class);
            if (run.endTime() != null) {
                throw new AssertionError("run 1 ended before its approval: " + run + "\n" + log());
            }
            // stages: Source, build, deploy-dev, approve, deploy-prod
            return run.stages().get(3).actions().get(0).status() == ExecutionStatus.IN_PROGRESS ? true : null;
        });
        assertThat(get("http://127.0.0.1:8090/")).isEqualTo("service 1.0.0 on dev");
        Api.Answer approved = api.post("/api/v1/runs/1/approval", "{\"stage\": \"approve\", \"approved\": true}");
        Run done = Waits.until(Duration.ofSeconds(180), "run 1 to end", () -> {
            Run run = api.get("/api/v1/runs/1").as(Run.class);
            return run.endTime() == null ? null : run;
        });

        assertThat(approved.status()).isEqualTo(200);
        assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(get("http://127.0.0.1:8091/")).isEqualTo("service 1.0.0 on prod");
        List<Environment> environments = List.of(api.get("/api/v1/environments").as(Environment[].class));
        assertThat(environments).extracting(Environment::name).containsExactlyInAnyOrder("dev", "prod");
        assertThat(log()).contains("local SSH server for example environments on");
        inTheBrowser(api);
        aStopDuringADeployLosesNothing(api);
    }

    /**
     * The README's Ctrl-C: a push is built and deployed to dev, and Kiln is stopped (SIGTERM, as Ctrl-C) while the
     * deploy runs. The deploy ends within the grace; a plain {@code kiln up} starts the example's SSH server again
     * and the run goes on to its approval and to prod.
     */
    private void aStopDuringADeployLosesNothing(Api first) throws Exception {
        Path clone = dir.resolve("home/server/examples/service");
        Files.writeString(clone.resolve("README.md"), "\na change\n", java.nio.file.StandardOpenOption.APPEND);
        git(clone, "-c", "user.name=Kiln Test", "-c", "user.email=test@kiln.invalid", "commit", "-qam", "a change");
        git(clone, "push", "-q");
        Waits.until(Duration.ofSeconds(180), "run 2 to deploy to dev", () -> {
            for (dev.kiln.model.api.Job job : first.get("/api/v1/runs/2/jobs").as(dev.kiln.model.api.Job[].class)) {
                if (job.stage().equals("deploy-dev") && job.state() == dev.kiln.model.api.JobState.RUNNING) {
                    return true;
                }
            }
            if (first.get("/api/v1/runs/2").status() == 200
                    && first.get("/api/v1/runs/2").as(Run.class).endTime() != null) {
                throw new AssertionError("run 2 ended before it deployed: " + log());
            }
            return null;
        });

        up.destroy();
        assertThat(up.waitFor(120, TimeUnit.SECONDS)).as("kiln up stops").isTrue();

        Api again = up("up-again.log");
        Run waiting = Waits.until(Duration.ofSeconds(120), "run 2 to wait for its approval", () -> {
            Run run = again.get("/api/v1/runs/2").as(Run.class);
            if (run.endTime() != null) {
                throw new AssertionError("run 2 ended: " + run + "\n" + log() + "\n" + log("up-again.log"));
            }
            return run.stages().get(3).actions().get(0).status() == ExecutionStatus.IN_PROGRESS ? run : null;
        });
        assertThat(waiting.stages().get(2).status()).as(waiting.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Files.readString(dir.resolve("up-again.log")))
                .contains("local SSH server for example environments on");
        again.post("/api/v1/runs/2/approval", "{\"stage\": \"approve\", \"approved\": true}");
        Run done = Waits.until(Duration.ofSeconds(120), "run 2 to end", () -> {
            Run run = again.get("/api/v1/runs/2").as(Run.class);
            return run.endTime() == null ? null : run;
        });
        assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    private static void git(Path repository, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repository.toString()));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(git.waitFor()).as("git %s: %s", String.join(" ", args), out).isZero();
    }

    /**
     * The same delivery in the web UI, as the first admin kiln up made: the run's stage graph, the build's log, both
     * environments with their deployments' lifecycle events, and the settings. With {@code -Dkiln.screenshots=DIR}
     * the README's screenshots are taken on the way ({@code bin/screenshots}).
     */
    private void inTheBrowser(Api api) throws Exception {
        Matcher ui = Pattern.compile("web UI at (http://\\S+/) \\(log in as admin with the password in (\\S+)\\)")
                .matcher(log());
        assertThat(ui.find()).as(log()).isTrue();
        Properties admin = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(ui.group(2)))) {
            admin.load(in);
        }
        assertThat(Path.of(ui.group(2))).isEqualTo(dir.resolve("ui-admin"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(ui.group(2)))))
                .isEqualTo("rw-------");
        String shots = System.getProperty("kiln.screenshots", "");
        browser = Browser.open(dir);
        browser.manage().window().setSize(new Dimension(1280, 900));
        Pages.logIn(browser, ui.group(1) + "runs/1", "admin", admin.getProperty("password"));
        Pages.waitForText(browser, 30, ".kiln-stage[data-stage=deploy-prod]", "✓ Succeeded");
        assertThat(browser.getTitle()).isEqualTo("service · run 1 · Succeeded · Kiln");
        assertThat(Pages.texts(browser, ".kiln-stage[data-stage=approve] .kiln-action"))
                .anyMatch(t -> t.contains("approved by"));
        screenshot(shots, "run.png");

        Pages.click(
                browser,
                browser.findElement(By.cssSelector(".kiln-action[data-action=bundle]"))
                        .findElement(By.linkText("View log")));
        Pages.waitForText(browser, 30, ".kl.kh", "BUILD · SUCCEEDED");
        screenshot(shots, "log.png");

        browser.findElement(By.linkText("Environments")).click();
        WebElement prod = Pages.waitForText(browser, 30, ".kiln-environment[data-environment=prod]", "Live:");
        assertThat(prod.getText()).contains("(run 1)").contains("containers on unix://");
        Pages.click(browser, prod.findElement(By.cssSelector("vaadin-details vaadin-details-summary")));
        WebElement events =
                Pages.waitForText(browser, 30, ".kiln-environment[data-environment=prod] .kiln-host", "HealthCheck");
        assertThat(events.getText()).contains("✓ PullImage", "✓ StartContainer", "✓ StopOldContainer");
        WebElement dev = browser.findElement(By.cssSelector(".kiln-environment[data-environment=dev]"));
        assertThat(dev.getText()).contains("SSH:").contains("Live:");
        assertThat(dev.findElements(By.xpath(".//vaadin-button[contains(., 'Roll back')]")))
                .hasSize(1);
        screenshot(shots, "environments.png");

        browser.findElement(By.linkText("Settings")).click();
        Pages.waitForText(browser, 30, "vaadin-grid-cell-content", "service");
        GitRemote other = GitRemote.create(dir, "other");
        other.write("README.md", "# other\n").commitAndPush("start");
        browser.findElement(By.cssSelector("vaadin-text-field input"))
                .sendKeys(other.bare().toString());
        Pages.click(browser, browser.findElement(By.xpath("//vaadin-button[contains(., 'Add repository')]")));
        WebElement webhook = Pages.waitFor(
                browser,
                30,
                b -> b.findElements(By.cssSelector(".kiln-webhook input")).stream()
                        .filter(e -> e.getAttribute("value").contains("/api/v1/webhooks/other"))
                        .findFirst()
                        .orElse(null));
        assertThat(webhook.getAttribute("value")).startsWith("http://127.0.0.1:");
        Pages.waitForText(browser, 30, "vaadin-grid-cell-content", "other");
        // agent tokens: kiln up's own, and one made for a machine, revoked from the page
        assertThat(api.post("/api/v1/agent-tokens", "{\"name\": \"spare-machine\", \"labels\": [\"gpu\"]}")
                        .status())
                .isEqualTo(201);
        browser.navigate().refresh();
        Pages.waitForText(browser, 30, "vaadin-grid-cell-content", "spare-machine");
        assertThat(Pages.texts(browser, "vaadin-grid-cell-content"))
                .contains("local-build", "local-deploy", "every environment", "gpu");
        Pages.click(
                browser,
                browser.findElement(By.cssSelector("vaadin-button[aria-label='revoke agent token spare-machine']")));
        Pages.waitFor(
                browser, 30, b -> Pages.texts(b, "vaadin-grid-cell-content").contains("spare-machine") ? null : true);
        assertThat(List.of(api.get("/api/v1/agent-tokens").as(AgentTokenInfo[].class)))
                .extracting(AgentTokenInfo::name)
                .containsExactly("local-build", "local-deploy");

        // on a phone's width the run page fits: nothing wider than the screen
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(ui.group(1) + "runs/1");
        Pages.waitForText(browser, 30, ".kiln-stage[data-stage=deploy-prod]", "✓ Succeeded");
        Object overflow = browser.executeScript("return Math.max(...[...document.querySelectorAll("
                + "'.kiln-stage, .kiln-action, .kiln-action *')].map(e => e.getBoundingClientRect().right))"
                + " - window.innerWidth");
        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
        screenshot(shots, "run-phone.png");
    }

    private void screenshot(String directory, String name) throws IOException {
        if (directory.isEmpty()) {
            return;
        }
        Files.createDirectories(Path.of(directory));
        Files.write(Path.of(directory, name), browser.getScreenshotAs(OutputType.BYTES));
    }

    private String log() {
        return log("up.log");
    }

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String get(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body()
                .strip();
    }
}
