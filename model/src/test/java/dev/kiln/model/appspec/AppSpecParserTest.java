package dev.kiln.model.appspec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppSpecParserTest {

    @Test
    void compiles_files_hooks_and_permissions_in_order() {
        String text = """
                version: 0.0
                os: linux
                files:
                  - source: app/
                    destination: /srv/app
                file_exists_behavior: retain
                permissions:
                  - object: /srv/app
                    mode: 750
                    type: [directory]
                hooks:
                  ApplicationStart:
                    - location: /start.sh
                      timeout: 30
                      runas: app
                  BeforeInstall:
                    - location: before.sh
                """;

        AppSpec spec = AppSpecParser.parse("appspec.yml", text).appSpec().orElseThrow();

        assertThat(spec.files()).containsExactly(new FileMapping("app/", "/srv/app", 4));
        assertThat(spec.files().get(0).sourcePath()).isEqualTo("app");
        assertThat(spec.fileExistsBehavior()).contains(FileExistsBehavior.RETAIN);
        assertThat(spec.permissions().get(0).types()).containsExactly(Permission.Type.DIRECTORY);
        assertThat(spec.permissions().get(0).pattern()).isEqualTo("**");
        assertThat(spec.hooks(LifecycleEvent.APPLICATION_START))
                .containsExactly(new Hook("/start.sh", 30, Optional.of("app")));
        assertThat(spec.hooks(LifecycleEvent.APPLICATION_START).get(0).path()).isEqualTo("start.sh");
        assertThat(spec.hooks(LifecycleEvent.BEFORE_INSTALL))
                .containsExactly(new Hook("before.sh", 3600, Optional.empty()));
        assertThat(spec.hooks(LifecycleEvent.VALIDATE_SERVICE)).isEmpty();
    }

    @Test
    void whole_revision_source_has_an_empty_path() {
        assertThat(new FileMapping("/", "/x", 1).sourcePath()).isEmpty();
        assertThat(new FileMapping(".", "/x", 1).sourcePath()).isEmpty();
        assertThat(new FileMapping("/a/b/", "/x", 1).sourcePath()).isEqualTo("a/b");
    }

    @Test
    void in_place_order_is_codedeploys() {
        assertThat(LifecycleEvent.inPlaceOrder().stream()
                        .map(LifecycleEvent::word)
                        .toList())
                .isEqualTo(List.of(
                        "ApplicationStop",
                        "DownloadBundle",
                        "BeforeInstall",
                        "Install",
                        "AfterInstall",
                        "ApplicationStart",
                        "ValidateService"));
    }
}
