package dev.kiln.deploy.host;

import dev.kiln.deploy.revision.InstallPlan;
import dev.kiln.deploy.ssh.ShellWords;
import dev.kiln.model.appspec.FileExistsBehavior;
import java.util.Map;

/**
 * The shell script of Install with an appspec. Files already at a destination that the most recent Install did not
 * put there are found first, before anything changes, so DISALLOW fails with the host untouched. Then the files of
 * the most recent Install are removed, folders made, files copied (modes kept), permissions set, and the new list
 * of installed files becomes the host's {@code installed}.
 */
final class InstallScript {
    /** Exit status of the script when DISALLOW finds files in the way. */
    static final int CONFLICT = 3;

    private InstallScript() {}

    static String of(InstallPlan plan, String release, String deploymentId, FileExistsBehavior behavior) {
        StringBuilder s = new StringBuilder();
        s.append("REL=").append(HostLayout.release(release)).append('\n');
        s.append("D=").append(HostLayout.deployment(deploymentId)).append('\n');
        s.append("mkdir -p \"$D\"; touch \"$R/installed\"\n");
        s.append("cat > \"$D/plan\" <<'KILN_PLAN_END'\n");
        for (Map.Entry<String, String> f : plan.files().entrySet()) {
            s.append(f.getKey()).append('\t').append(f.getValue()).append('\n');
        }
        s.append("KILN_PLAN_END\n");
        s.append("cut -f1 \"$D/plan\" | awk -v done=\"$R/installed\""
                + " 'BEGIN{while ((getline l < done) > 0) p[l]=1} !($0 in p)' |"
                + " while IFS= read -r f; do if [ -e \"$f\" ] || [ -L \"$f\" ]; then printf '%s\\n' \"$f\"; fi;"
                + " done > \"$D/in-the-way\"\n");
        if (behavior == FileExistsBehavior.DISALLOW) {
            s.append("if [ -s \"$D/in-the-way\" ]; then\n"
                    + "  echo 'these files are already there and were not installed by the last deployment"
                    + " (file_exists_behavior DISALLOW):'\n"
                    + "  sed 's/^/  /' \"$D/in-the-way\"\n"
                    + "  exit " + CONFLICT + "\nfi\n");
        } else {
            s.append("n=$(wc -l < \"$D/in-the-way\"); if [ \"$n\" -gt 0 ]; then echo \"$n file(s) already there: "
                    + (behavior == FileExistsBehavior.RETAIN ? "kept (RETAIN)" : "replaced (OVERWRITE)")
                    + "\"; fi\n");
        }
        s.append("while IFS= read -r f; do if [ -L \"$f\" ] || [ ! -d \"$f\" ]; then rm -f -- \"$f\"; fi;"
                + " done < \"$R/installed\"\n");
        for (String folder : plan.folders()) {
            s.append("mkdir -p ").append(ShellWords.quote(folder)).append('\n');
        }
        s.append(": > \"$D/installed\"\n");
        s.append("tab=$(printf '\\t')\n");
        s.append("while IFS=\"$tab\" read -r dst src; do\n");
        if (behavior == FileExistsBehavior.RETAIN) {
            s.append("  if grep -qxF -- \"$dst\" \"$D/in-the-way\"; then continue; fi\n");
        }
        s.append("""
                  rm -f -- "$dst"; cp -P -p -- "$REL/$src" "$dst"; printf '%s\\n' "$dst" >> "$D/installed"
                done < "$D/plan"
                """);
        for (InstallPlan.Change c : plan.changes()) {
            // the command is Kiln's own word; its argument (an owner, mode or ACL entry from the appspec) is quoted
            String prefix = c.command() + " " + ShellWords.quote(c.argument());
            for (String path : c.paths()) {
                s.append(prefix).append(" -- ").append(ShellWords.quote(path)).append('\n');
            }
        }
        s.append("cp \"$D/installed\" \"$R/installed.new\" && mv -f \"$R/installed.new\" \"$R/installed\"\n");
        s.append("echo \"installed $(wc -l < \"$D/installed\") file(s)\"\n");
        return s.toString();
    }

    /** The script that points {@code current} at a release, atomically. */
    static String switchCurrent(String release) {
        return "ln -sfn \"releases/\"" + ShellWords.quote(release) + " \"$R/current.kiln-new\"\n"
                + "mv -T \"$R/current.kiln-new\" \"$R/current\"\n";
    }
}
