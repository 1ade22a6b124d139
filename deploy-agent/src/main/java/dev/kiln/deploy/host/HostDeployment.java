package dev.kiln.deploy.host;

import dev.kiln.deploy.DeployException;
import dev.kiln.deploy.DeployLog;
import dev.kiln.deploy.revision.InstallPlan;
import dev.kiln.deploy.revision.Revision;
import dev.kiln.deploy.ssh.HostShell;
import dev.kiln.deploy.ssh.ShellWords;
import dev.kiln.kit.Failures;
import dev.kiln.model.api.LifecycleStatus;
import dev.kiln.model.appspec.AppSpec;
import dev.kiln.model.appspec.AppSpecParser;
import dev.kiln.model.appspec.FileExistsBehavior;
import dev.kiln.model.appspec.LifecycleEvent;
import dev.kiln.model.deploy.DeploymentSpec;
import dev.kiln.model.deploy.EventReport;
import dev.kiln.model.deploy.HostReport;
import dev.kiln.model.deploy.SshTarget;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Deploys a revision to one host in CodeDeploy's in-place order: ApplicationStop (the last successful revision's
 * scripts), DownloadBundle (skipped when the host already keeps this bundle), BeforeInstall, Install, AfterInstall,
 * ApplicationStart, ValidateService (then the health URL). The first failure ends the host's deployment; the events
 * after it are Skipped. Success records the release as the host's last successful one and prunes old releases.
 */
public final class HostDeployment {
    private static final Duration KILN_STEP = Duration.ofMinutes(10);

    private final HostShell shell;
    private final DeploymentSpec spec;
    private final Revision revision;
    private final HostLayout layout;
    private final HookRunner hooks;
    private final BooleanSupplier stopRequested;

    /** A deployment of {@code revision} over {@code shell}; {@code stopRequested} is checked between events. */
    public HostDeployment(HostShell shell, DeploymentSpec spec, Revision revision, BooleanSupplier stopRequested) {
        this.shell = shell;
        this.spec = spec;
        this.revision = revision;
        this.layout = new HostLayout(spec.sshTarget().root());
        this.hooks = new HookRunner(shell, layout, new HookContext(variables(spec)));
        this.stopRequested = stopRequested;
    }

    private static Map<String, String> variables(DeploymentSpec spec) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("DEPLOYMENT_ID", spec.deploymentId());
        v.put("APPLICATION_NAME", spec.applicationName());
        v.put("DEPLOYMENT_GROUP_NAME", spec.environment());
        v.put("DEPLOYMENT_GROUP_ID", spec.environmentId());
        if (!spec.commit().isEmpty()) {
            v.put("BUNDLE_COMMIT", spec.commit());
        }
        return v;
    }

    /** Runs every event on the host; never throws for what happens on the host, it reports it. */
    public HostReport run(DeployLog log) {
        List<EventReport> events = new ArrayList<>();
        String failure = "";
        try {
            HostState state = HostState.read(shell, layout);
            String release = spec.deploymentId();
            for (LifecycleEvent event : LifecycleEvent.inPlaceOrder()) {
                if (stopRequested.getAsBoolean()) {
                    failure = "stopped before " + event.word();
                    break;
                }
                log.line("== " + event.word());
                EventReport report;
                switch (event) {
                    case APPLICATION_STOP -> report = applicationStop(state, log);
                    case DOWNLOAD_BUNDLE -> {
                        Optional<String> kept = state.releaseOf(revision.sha256(), spec.reuseRelease());
                        release = kept.orElse(spec.deploymentId());
                        report = kept.isPresent() ? reuse(kept.get(), log) : download(log);
                    }
                    case INSTALL -> report = install(release, log);
                    case VALIDATE_SERVICE -> report = validate(release, log);
                    default -> report = scripts(event, release, log);
                }
                events.add(report);
                if (report.status() != LifecycleStatus.SUCCEEDED && report.status() != LifecycleStatus.SKIPPED) {
                    failure = event.word() + " failed: " + report.message();
                    log.line(event.word() + " FAILED: " + report.errorCode() + ": " + report.message());
                    break;
                }
            }
            if (failure.isEmpty()) {
                succeed(release, log);
                return new HostReport(shell.name(), LifecycleStatus.SUCCEEDED, events, "");
            }
        } catch (DeployException e) {
            failure = Failures.message(e);
            log.line("FAILED: " + failure);
        }
        skipRest(events);
        return new HostReport(shell.name(), LifecycleStatus.FAILED, events, failure);
    }

    private EventReport applicationStop(HostState state, DeployLog log) {
        long start = System.nanoTime();
        if (state.lastSuccessful().isEmpty()) {
            log.line("no earlier successful release on this host: nothing to stop");
            return new EventReport("ApplicationStop", LifecycleStatus.SKIPPED, "", "first deployment to this host", 0);
        }
        String last = state.lastSuccessful().get();
        String text = shell.capture(
                layout.script("cd " + HostLayout.release(last) + "\n"
                        + "for f in " + String.join(" ", AppSpecParser.FILE_NAMES) + "; do"
                        + " if [ -f \"$f\" ]; then cat \"$f\"; exit 0; fi; done\n"),
                KILN_STEP);
        if (text.isBlank()) {
            log.line("release " + last + " has no appspec: nothing to stop");
            return new EventReport("ApplicationStop", LifecycleStatus.SUCCEEDED, "", "", HookRunner.millis(start));
        }
        Optional<AppSpec> previous = AppSpecParser.parse("appspec.yml", text).appSpec();
        if (previous.isEmpty()) {
            return HookRunner.failed(
                    LifecycleEvent.APPLICATION_STOP,
                    "UnknownError",
                    "the appspec of the last successful release " + last + " no longer parses",
                    start);
        }
        log.line("with the scripts of the last successful release, " + last);
        return hooks.run(
                LifecycleEvent.APPLICATION_STOP, previous.get().hooks(LifecycleEvent.APPLICATION_STOP), last, log);
    }

    private EventReport reuse(String release, DeployLog log) {
        log.line("this host keeps the revision already (release " + release + ", sha256 "
                + revision.sha256().substring(0, 12) + "): no upload");
        return new EventReport("DownloadBundle", LifecycleStatus.SUCCEEDED, "", "reused release " + release, 0);
    }

    private EventReport download(DeployLog log) {
        long start = System.nanoTime();
        String id = spec.deploymentId();
        long size;
        try {
            size = Files.size(revision.bundle());
        } catch (IOException e) {
            throw new DeployException("cannot read the prepared bundle: " + e.getMessage(), e);
        }
        log.line("uploading the revision (" + size / 1024 + " KiB, tar.gz)");
        try (InputStream in = Files.newInputStream(revision.bundle())) {
            shell.send(
                    in,
                    layout.script("D=" + HostLayout.deployment(id) + "\nmkdir -p \"$D\"\n"
                            + "cat > \"$D/bundle.tar.gz.part\"\n"),
                    KILN_STEP);
        } catch (IOException e) {
            throw new DeployException("cannot read the prepared bundle: " + e.getMessage(), e);
        }
        String sum = shell.capture(
                        layout.script("cd " + HostLayout.deployment(id) + "\nsha256sum bundle.tar.gz.part\n"),
                        KILN_STEP)
                .strip()
                .split("\\s+", -1)[0];
        if (!sum.equals(revision.sha256())) {
            return HookRunner.failed(
                    LifecycleEvent.DOWNLOAD_BUNDLE,
                    "UnknownError",
                    "the bundle arrived damaged: sha256 " + sum + " on the host, " + revision.sha256() + " sent",
                    start);
        }
        // unpacked beside the releases, then moved into place: a release folder is always whole
        shell.capture(
                layout.script("D=" + HostLayout.deployment(id) + "\nP=" + HostLayout.release(id) + ".part\n"
                        + "rm -rf \"$P\"; mkdir -p \"$P\"\n"
                        + "tar -xzf \"$D/bundle.tar.gz.part\" -C \"$P\"\n"
                        + "printf '%s\\n' " + revision.sha256() + " > \"$D/sha256\"\n"
                        + "rm -f \"$D/bundle.tar.gz.part\"\n"
                        + "mv \"$P\" " + HostLayout.release(id) + "\n"),
                KILN_STEP);
        log.line("sha256 checked on the host; unpacked to releases/" + id);
        return new EventReport("DownloadBundle", LifecycleStatus.SUCCEEDED, "", "", HookRunner.millis(start));
    }

    private EventReport install(String release, DeployLog log) {
        long start = System.nanoTime();
        String body;
        if (revision.appSpec().isEmpty()) {
            log.line("no appspec: switching current to releases/" + release);
            body = InstallScript.switchCurrent(release);
        } else {
            AppSpec appSpec = revision.appSpec().get();
            FileExistsBehavior behavior = appSpec.fileExistsBehavior().orElse(FileExistsBehavior.DISALLOW);
            InstallPlan plan = InstallPlan.of(appSpec, revision.entries());
            body = InstallScript.of(plan, release, spec.deploymentId(), behavior)
                    + InstallScript.switchCurrent(release);
        }
        int status = shell.run(layout.script(body), KILN_STEP, log);
        if (status == InstallScript.CONFLICT) {
            return HookRunner.failed(
                    LifecycleEvent.INSTALL,
                    "UnknownError",
                    "files are in the way (file_exists_behavior DISALLOW); see the log",
                    start);
        }
        if (status != 0) {
            return HookRunner.failed(
                    LifecycleEvent.INSTALL, "UnknownError", "installing failed with status " + status, start);
        }
        return new EventReport("Install", LifecycleStatus.SUCCEEDED, "", "", HookRunner.millis(start));
    }

    private EventReport scripts(LifecycleEvent event, String release, DeployLog log) {
        if (revision.appSpec().isEmpty()
                || revision.appSpec().get().hooks(event).isEmpty()) {
            return new EventReport(event.word(), LifecycleStatus.SKIPPED, "", "no scripts", 0);
        }
        return hooks.run(event, revision.appSpec().get().hooks(event), release, log);
    }

    private EventReport validate(String release, DeployLog log) {
        long start = System.nanoTime();
        EventReport scripts = scripts(LifecycleEvent.VALIDATE_SERVICE, release, log);
        if (scripts.status() == LifecycleStatus.FAILED) {
            return scripts;
        }
        SshTarget target = spec.sshTarget();
        if (target.healthUrl().isEmpty()) {
            return scripts;
        }
        log.line("health check: " + target.healthUrl() + " must answer 2xx within " + target.healthTimeoutSeconds()
                + " s");
        if (!HealthProbe.healthy(shell, target.healthUrl(), target.healthTimeoutSeconds(), log)) {
            return HookRunner.failed(
                    LifecycleEvent.VALIDATE_SERVICE,
                    "HealthCheckFailed",
                    target.healthUrl() + " did not answer 2xx within " + target.healthTimeoutSeconds() + " s",
                    start);
        }
        return new EventReport("ValidateService", LifecycleStatus.SUCCEEDED, "", "", HookRunner.millis(start));
    }

    private void succeed(String release, DeployLog log) {
        int keep = Math.max(1, spec.sshTarget().keepReleases());
        String out = shell.capture(
                layout.script("printf '%s\\n' " + ShellWords.quote(release)
                        + " > \"$R/last_successful.new\"\n"
                        + "mv -f \"$R/last_successful.new\" \"$R/last_successful\"\n"
                        + "cd \"$R/releases\"\n"
                        + "touch -- " + ShellWords.quote(release) + "\n"
                        + "ls -1t | grep -v '\\.part$' | tail -n +" + (keep + 1) + " | while IFS= read -r old; do\n"
                        + "  [ \"$old\" = " + ShellWords.quote(release) + " ] && continue\n"
                        + "  rm -rf -- \"$old\" \"$R/deployments/$old\"; echo \"$old\"\n"
                        + "done\n"),
                KILN_STEP);
        log.line("succeeded: releases/" + release + " is live"
                + (out.isBlank()
                        ? ""
                        : "; removed old releases "
                                + String.join(", ", out.strip().split("\n"))));
    }

    private static void skipRest(List<EventReport> events) {
        for (LifecycleEvent event : LifecycleEvent.inPlaceOrder()) {
            if (events.stream().noneMatch(e -> e.event().equals(event.word()))) {
                events.add(new EventReport(event.word(), LifecycleStatus.SKIPPED, "", "", 0));
            }
        }
    }
}
