package dev.kiln.deploy.host;

import dev.kiln.deploy.DeployLog;
import dev.kiln.deploy.ssh.HostShell;
import dev.kiln.deploy.ssh.ShellWords;
import dev.kiln.model.api.LifecycleStatus;
import dev.kiln.model.appspec.Hook;
import dev.kiln.model.appspec.LifecycleEvent;
import dev.kiln.model.deploy.EventReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Runs an event's hook scripts on a host, in order, each with its timeout and user; the first failure ends it. */
final class HookRunner {
    /** Exit status of {@code timeout} when it stopped the command, and when it had to kill it. */
    private static final int TIMED_OUT = 124;

    private static final int KILLED = 137;

    private final HostShell shell;
    private final HostLayout layout;
    private final HookContext context;

    HookRunner(HostShell shell, HostLayout layout, HookContext context) {
        this.shell = shell;
        this.layout = layout;
        this.context = context;
    }

    /** Runs the scripts of {@code event} from {@code release}; returns the event's report. */
    EventReport run(LifecycleEvent event, List<Hook> hooks, String release, DeployLog log) {
        long start = System.nanoTime();
        for (Hook hook : hooks) {
            String dir = HostLayout.release(release);
            String path = ShellWords.quote(hook.path());
            String check = shell.capture(
                    layout.script("cd " + dir + "\n"
                            + "if [ ! -f " + path + " ]; then echo missing; exit 0; fi\n"
                            + "if [ ! -x " + path + " ]; then chmod +x " + path + " 2>/dev/null || { echo"
                            + " unexecutable; exit 0; }; fi\n"
                            + "echo ok\n"),
                    Duration.ofSeconds(60));
            if (check.strip().equals("missing")) {
                return failed(event, "ScriptMissing", "script " + hook.location() + " is not in the revision", start);
            }
            if (check.strip().equals("unexecutable")) {
                return failed(
                        event,
                        "ScriptNotExecutable",
                        "script " + hook.location() + " cannot be made executable",
                        start);
            }
            log.line("running " + hook.location()
                    + hook.runas().map(u -> " as " + u).orElse("") + " (timeout " + hook.timeoutSeconds() + " s)");
            long began = System.nanoTime();
            int status = shell.run(
                    layout.script("cd " + dir + "\n" + exports(event) + command(hook)),
                    Duration.ofSeconds(hook.timeoutSeconds() + 30L),
                    log);
            long seconds = (System.nanoTime() - began) / 1_000_000_000L;
            if (status == -1 || ((status == TIMED_OUT || status == KILLED) && seconds >= hook.timeoutSeconds() - 1)) {
                return failed(
                        event,
                        "ScriptTimedOut",
                        "script " + hook.location() + " ran past its timeout of " + hook.timeoutSeconds() + " s",
                        start);
            }
            if (status != 0) {
                return failed(
                        event, "ScriptFailed", "script " + hook.location() + " exited with status " + status, start);
            }
        }
        return new EventReport(event.word(), LifecycleStatus.SUCCEEDED, "", "", millis(start));
    }

    private String exports(LifecycleEvent event) {
        Map<String, String> vars = new TreeMap<>(context.variables());
        vars.put("LIFECYCLE_EVENT", event.word());
        StringBuilder out = new StringBuilder();
        vars.forEach((k, v) -> out.append("export ")
                .append(k)
                .append('=')
                .append(ShellWords.quote(v))
                .append('\n'));
        return out.toString();
    }

    private static String command(Hook hook) {
        String run = "timeout -k 5 " + hook.timeoutSeconds() + " ";
        String script = "./" + hook.path();
        if (hook.runas().isEmpty()) {
            return "exec " + run + ShellWords.quote(script) + " </dev/null\n";
        }
        String user = ShellWords.quote(hook.runas().get());
        String inner = ShellWords.quote("exec " + ShellWords.quote(script));
        return "if [ \"$(id -un)\" = " + user + " ]; then exec " + run + ShellWords.quote(script) + " </dev/null\n"
                + "elif [ \"$(id -u)\" = 0 ]; then exec " + run + "su -s /bin/sh " + user + " -c " + inner
                + " </dev/null\n"
                + "else exec " + run + "sudo -n -E -u " + user + " -- sh -c " + inner + " </dev/null\n"
                + "fi\n";
    }

    static EventReport failed(LifecycleEvent event, String code, String message, long start) {
        return new EventReport(event.word(), LifecycleStatus.FAILED, code, message, millis(start));
    }

    static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000L;
    }
}
