package dev.kiln.deploy.host;

import dev.kiln.deploy.DeployLog;
import dev.kiln.deploy.ssh.HostShell;
import dev.kiln.deploy.ssh.ShellWords;
import java.time.Duration;

/**
 * Asks a URL from the host itself (with curl, else wget), until it answers 2xx or the timeout passes; so the
 * application needs no port open to the agent.
 */
final class HealthProbe {
    private HealthProbe() {}

    /** Whether the URL answered 2xx within {@code timeoutSeconds}; logs each answer that was not. */
    static boolean healthy(HostShell shell, String url, int timeoutSeconds, DeployLog log) {
        String q = ShellWords.quote(url);
        String script = "end=$(( $(date +%s) + " + timeoutSeconds + " ))\n"
                + "last=''\n"
                + "while :; do\n"
                + "  if command -v curl >/dev/null 2>&1; then\n"
                + "    code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' " + q + " || true)\n"
                + "  else\n"
                + "    code=$(wget -q -S -O /dev/null -T 5 " + q + " 2>&1 | awk '/^ *HTTP\\//{c=$2} END{print c}')\n"
                + "  fi\n"
                + "  case $code in 2??) echo \"health: answered $code\"; exit 0 ;; esac\n"
                + "  if [ \"$code\" != \"$last\" ]; then echo \"health: answer ${code:-none}, waiting\"; last=$code; fi\n"
                + "  if [ $(date +%s) -ge $end ]; then exit 1; fi\n"
                + "  sleep 1\n"
                + "done\n";
        return shell.run(script, Duration.ofSeconds(timeoutSeconds + 30L), log) == 0;
    }
}
