package dev.kiln.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportStageTest {
    @Test
    void reports_are_read_from_the_deepest_directory_every_glob_starts_with() {
        assertThat(ReportStage.literalDirectory(List.of("target/surefire-reports/*.xml")))
                .isEqualTo("target/surefire-reports");
        assertThat(ReportStage.literalDirectory(List.of("coverage/cobertura-coverage.xml")))
                .isEqualTo("coverage");
        assertThat(ReportStage.literalDirectory(List.of("build/test-results/a/*.xml", "build/test-results/b/x.xml")))
                .isEqualTo("build/test-results");
        assertThat(ReportStage.literalDirectory(List.of("**/TEST-*.xml"))).isEmpty();
        assertThat(ReportStage.literalDirectory(List.of("junit.xml"))).isEmpty();
        assertThat(ReportStage.literalDirectory(List.of("out/*/r.xml", "other/r.xml")))
                .isEmpty();
        assertThat(ReportStage.literalDirectory(List.of("../elsewhere/r.xml"))).isEmpty();
        assertThat(ReportStage.literalDirectory(List.of("./reports/r.xml"))).isEqualTo("reports");
    }
}
