package dev.kiln.orchestrator.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.model.pipeline.PushTrigger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TriggerFilterTest {
    private static final String COMMIT = "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c";

    private static PushEvent push(String ref) {
        return new PushEvent(WebhookProvider.GITHUB, List.of("u"), ref, "0".repeat(40), COMMIT, Optional.empty());
    }

    @Test
    void branch_globs_match_whole_names_and_tags_only_when_asked() {
        PushTrigger trigger = new PushTrigger(List.of("main", "release/*"), List.of("v*"), List.of(), List.of());

        assertThat(TriggerFilter.starts(trigger, push("refs/heads/main"), List.of()))
                .isTrue();
        assertThat(TriggerFilter.starts(trigger, push("refs/heads/release/1.0"), List.of()))
                .isTrue();
        assertThat(TriggerFilter.starts(trigger, push("refs/heads/release/1.0/fix"), List.of()))
                .isFalse();
        assertThat(TriggerFilter.starts(trigger, push("refs/heads/main-old"), List.of()))
                .isFalse();
        assertThat(TriggerFilter.starts(trigger, push("refs/tags/v1.2"), List.of()))
                .isTrue();
        assertThat(TriggerFilter.starts(PushTrigger.EVERY_BRANCH, push("refs/heads/any/thing"), List.of()))
                .isTrue();
        assertThat(TriggerFilter.starts(PushTrigger.EVERY_BRANCH, push("refs/tags/v1"), List.of()))
                .isFalse();
    }

    @Test
    void paths_need_a_match_and_paths_ignore_skips_pushes_that_only_touch_ignored_files() {
        PushTrigger paths = new PushTrigger(List.of(), List.of(), List.of("src/**"), List.of());
        PushTrigger ignore = new PushTrigger(List.of(), List.of(), List.of(), List.of("docs/**", "*.md"));
        PushEvent main = push("refs/heads/main");

        assertThat(TriggerFilter.starts(paths, main, List.of("README.md", "src/cart/cart.c")))
                .isTrue();
        assertThat(TriggerFilter.starts(paths, main, List.of("README.md"))).isFalse();
        assertThat(TriggerFilter.starts(ignore, main, List.of("docs/guide.md", "README.md")))
                .isFalse();
        assertThat(TriggerFilter.starts(ignore, main, List.of("docs/guide.md", "src/a.c")))
                .isTrue();
        PushTrigger both = new PushTrigger(List.of(), List.of(), List.of("src/**"), List.of("src/**/*.md"));
        assertThat(TriggerFilter.starts(both, main, List.of("src/notes.md")))
                .as("excludes win")
                .isFalse();
        assertThat(TriggerFilter.starts(both, main, List.of("src/notes.md", "src/a.c")))
                .isTrue();
        assertThat(TriggerFilter.starts(paths, main, List.of()))
                .as("nothing changed under src/")
                .isFalse();
    }

    @Test
    void a_deleted_branch_starts_nothing() {
        PushEvent deletion = new PushEvent(
                WebhookProvider.GITHUB, List.of("u"), "refs/heads/main", COMMIT, "0".repeat(40), Optional.empty());

        assertThat(TriggerFilter.starts(PushTrigger.EVERY_BRANCH, deletion, List.of()))
                .isFalse();
    }
}
