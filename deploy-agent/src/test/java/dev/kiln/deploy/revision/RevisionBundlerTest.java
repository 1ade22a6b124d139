package dev.kiln.deploy.revision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.deploy.testing.RevisionZip;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevisionBundlerTest {
    @TempDir
    Path dir;

    @Test
    void the_same_zip_makes_the_same_bundle_so_hosts_can_match_it() throws Exception {
        Path zip = new RevisionZip().file("a/b/c.txt", "c").file("a/d.txt", "d").write(dir.resolve("r.zip"));

        Revision one = RevisionBundler.prepare(zip, dir.resolve("1.tar.gz"));
        Thread.sleep(1100);
        Revision two = RevisionBundler.prepare(zip, dir.resolve("2.tar.gz"));

        assertThat(one.sha256()).isEqualTo(two.sha256());
        assertThat(one.entries())
                .containsEntry("a", true)
                .containsEntry("a/b", true)
                .containsEntry("a/b/c.txt", false);
    }

    @Test
    void a_single_top_folder_holding_the_appspec_is_stripped_as_codedeploy_does() throws Exception {
        Path zip = new RevisionZip()
                .file("app-1.0/appspec.yml", "version: 0.0\nos: linux\n")
                .file("app-1.0/www/index.html", "x")
                .write(dir.resolve("r.zip"));

        Revision revision = RevisionBundler.prepare(zip, dir.resolve("r.tar.gz"));

        assertThat(revision.appSpec()).isPresent();
        assertThat(revision.entries())
                .containsKeys("appspec.yml", "www/index.html")
                .doesNotContainKey("app-1.0");
    }

    @Test
    void install_plans_copy_files_into_folders_and_refuse_missing_sources() throws Exception {
        Path zip = new RevisionZip()
                .file(
                        "appspec.yml",
                        "version: 0.0\nos: linux\nfiles:\n  - source: conf/app.conf\n"
                                + "    destination: /etc/app\n  - source: www\n    destination: /srv/www\n")
                .file("conf/app.conf", "x")
                .file("www/index.html", "x")
                .file("www/css/site.css", "x")
                .write(dir.resolve("r.zip"));
        Revision revision = RevisionBundler.prepare(zip, dir.resolve("r.tar.gz"));

        InstallPlan plan = InstallPlan.of(revision.appSpec().orElseThrow(), revision.entries());

        assertThat(plan.files())
                .containsEntry("/etc/app/app.conf", "conf/app.conf")
                .containsEntry("/srv/www/index.html", "www/index.html")
                .containsEntry("/srv/www/css/site.css", "www/css/site.css");
        assertThat(plan.folders()).containsExactly("/etc/app", "/srv/www", "/srv/www/css");
        Path bad = new RevisionZip()
                .file("appspec.yml", "version: 0.0\nos: linux\nfiles:\n  - source: missing\n    destination: /x\n")
                .write(dir.resolve("bad.zip"));
        Revision badRevision = RevisionBundler.prepare(bad, dir.resolve("bad.tar.gz"));
        assertThatThrownBy(() -> InstallPlan.of(badRevision.appSpec().orElseThrow(), badRevision.entries()))
                .isInstanceOf(InvalidRevisionException.class)
                .hasMessageContaining("appspec.yml:4: files source 'missing' is not in the revision");
    }

    @Test
    void a_file_name_with_a_line_break_is_refused_before_it_reaches_the_install_script() throws Exception {
        Path zip = new RevisionZip()
                .file("appspec.yml", "version: 0.0\nos: linux\nfiles:\n  - source: www\n    destination: /srv/www\n")
                .file("www/KILN_PLAN_END\ntouch /tmp/kiln-owned\n", "x")
                .write(dir.resolve("newline.zip"));
        Revision revision = RevisionBundler.prepare(zip, dir.resolve("newline.tar.gz"));

        assertThatThrownBy(() -> InstallPlan.of(revision.appSpec().orElseThrow(), revision.entries()))
                .isInstanceOf(InvalidRevisionException.class)
                .hasMessageContaining("has a line break, tab or NUL in its name")
                .hasMessageContaining("KILN_PLAN_END?touch");
    }
}
