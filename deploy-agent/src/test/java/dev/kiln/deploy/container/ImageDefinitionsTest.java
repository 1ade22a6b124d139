package dev.kiln.deploy.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.deploy.revision.InvalidRevisionException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDefinitionsTest {
    @TempDir
    Path work;

    @Test
    void reads_codepipelines_file_from_the_revision_root_or_its_one_folder() throws IOException {
        String json = "[{\"name\": \"web\", \"imageUri\": \"registry.example:5000/shop/web:abc123\"}]";
        assertThat(ImageDefinitions.read(zip("imagedefinitions.json", json)))
                .containsExactly(new ImageDefinition("web", "registry.example:5000/shop/web:abc123"));
        assertThat(ImageDefinitions.read(zip("out/imagedefinitions.json", json)))
                .hasSize(1);
    }

    @Test
    void every_problem_is_named_with_its_line_and_key() {
        String json = "[\n  {\"name\": \"web\", \"imageUri\": \"a:1\"},\n  {\"name\": \"web\"},\n"
                + "  {\"imageUri\": \"b c\"}\n]";
        assertThatThrownBy(() -> ImageDefinitions.parse(json, "imagedefinitions.json"))
                .isInstanceOf(InvalidRevisionException.class)
                .hasMessageContaining("imagedefinitions.json:3: entry 2: key 'imageUri' is missing or empty")
                .hasMessageContaining("imagedefinitions.json:3: entry 2: key 'name': 'web' is listed twice")
                .hasMessageContaining("imagedefinitions.json:4: entry 3: key 'name' is missing or empty")
                .hasMessageContaining("imagedefinitions.json:4: entry 3: key 'imageUri': 'b c' holds a space");
        assertThatThrownBy(() -> ImageDefinitions.parse("{\"name\": \"web\"}", "f.json"))
                .hasMessageContaining("f.json:1: expected a list");
        assertThatThrownBy(() -> ImageDefinitions.parse("[\n{\"name\": ", "f.json"))
                .hasMessageContaining("f.json:2: not JSON");
    }

    @Test
    void a_revision_without_the_file_says_how_to_make_it() throws IOException {
        assertThatThrownBy(() -> ImageDefinitions.read(zip("appspec.yml", "version: 0.0")))
                .hasMessageContaining("imagedefinitions.json: not in the revision")
                .hasMessageContaining("artifacts files");
    }

    private Path zip(String name, String content) throws IOException {
        Path zip = work.resolve(System.nanoTime() + ".zip");
        try (OutputStream out = Files.newOutputStream(zip);
                ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(content.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return zip;
    }
}
