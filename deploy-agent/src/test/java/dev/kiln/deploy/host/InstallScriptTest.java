package dev.kiln.deploy.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.deploy.revision.InstallPlan;
import dev.kiln.model.appspec.FileExistsBehavior;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The install script's permission lines, run by a real shell with the permission commands stood in for. */
class InstallScriptTest {
    @TempDir
    Path dir;

    @Test
    void an_acl_entry_or_owner_from_the_appspec_is_one_argument_whatever_it_holds() throws Exception {
        Path owned = dir.resolve("owned");
        InstallPlan plan = new InstallPlan(
                List.of("/srv/a"),
                Map.of(),
                List.of(
                        new InstallPlan.Change("setfacl -m", "u:app:rwx; touch " + owned, List.of("/srv/a")),
                        new InstallPlan.Change("chown", "app$(touch " + owned + ")", List.of("/srv/a"))));
        String script = InstallScript.of(plan, "r1", "d-1", FileExistsBehavior.OVERWRITE);
        String changes = script.lines()
                .filter(l -> l.startsWith("setfacl") || l.startsWith("chown"))
                .reduce("", (a, b) -> a + b + "\n");

        Path out = dir.resolve("args");
        String stand = "setfacl() { printf '[%s]' \"$@\" >> '" + out + "'; echo >> '" + out + "'; }\n"
                + "chown() { printf '[%s]' \"$@\" >> '" + out + "'; echo >> '" + out + "'; }\n";
        Process sh = new ProcessBuilder("sh", "-c", stand + changes)
                .redirectErrorStream(true)
                .start();
        String said = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(sh.waitFor()).as(said).isZero();

        assertThat(owned).doesNotExist();
        assertThat(Files.readAllLines(out))
                .containsExactly(
                        "[-m][u:app:rwx; touch " + owned + "][--][/srv/a]", "[app$(touch " + owned + ")][--][/srv/a]");
    }
}
