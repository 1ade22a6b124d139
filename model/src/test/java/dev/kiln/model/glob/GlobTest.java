package dev.kiln.model.glob;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        "'**/*', a.txt, true",
        "'**/*', dir/sub/a.txt, true",
        "'dir/*', dir/a.txt, true",
        "'dir/*', dir/sub/a.txt, true",
        "'dir/*.txt', dir/sub/a.txt, false",
        "'dir/**/*', dir/sub/a.txt, true",
        "'dir/**/*', other/a.txt, false",
        "'target/app.jar', target/app.jar, true",
        "'target', target/app.jar, true",
        "'./target/*.jar', target/app.jar, true",
        "'*.jar', app.jar, true",
        "'*.jar', lib/app.jar, false",
        "'**/*.jar', lib/app.jar, true",
        "'a?c.txt', abc.txt, true",
        "'a?c.txt', a/c.txt, false",
        "'build/', build/x/y, true",
        "'my-build*/**/*', my-build-1/out.bin, true",
    })
    void codebuild_glob_forms(String glob, String path, boolean expected) {
        assertThat(Glob.compile(glob).matches(path)).isEqualTo(expected);
    }
}
