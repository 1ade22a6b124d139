package dev.kiln.kit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.kit.KitException;
import dev.kiln.kit.testing.S3Server;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both stores against real parts: a directory, and an S3-compatible server on loopback. */
class ArtifactStoresTest {
    /** One S3 server for the class (starting one takes seconds); each test uses its own bucket. */
    private static S3Server server;

    @TempDir
    Path work;

    @BeforeAll
    static void startServer(@TempDir Path objects) throws Exception {
        server = S3Server.start(Files.createDirectories(objects.resolve("s3")));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private Path file(String content) throws Exception {
        Path f = Files.createTempFile(work, "artifact", ".zip");
        Files.writeString(f, content);
        return f;
    }

    @Test
    void both_stores_read_from_an_offset() throws Exception {
        ArtifactStore s3 = ArtifactStores.fromLocation(
                "s3://ranged",
                Map.of(
                        "KILN_S3_ENDPOINT", server.endpoint(),
                        "AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY,
                        "AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY));
        ArtifactStore local = ArtifactStores.fromLocation(work.resolve("local").toString(), Map.of());
        for (ArtifactStore store : java.util.List.of(s3, local)) {
            store.put("logs/j.log", file("line 0\nline 1\nline 2\n"));
            try (InputStream in = store.get("logs/j.log", 7)) {
                assertThat(new String(in.readAllBytes())).as(store.toString()).isEqualTo("line 1\nline 2\n");
            }
        }
    }

    @Test
    void s3_store_round_trips_under_its_prefix_and_creates_the_bucket() throws Exception {
        ArtifactStore store = ArtifactStores.fromLocation(
                "s3://created/team-a",
                Map.of(
                        "KILN_S3_ENDPOINT", server.endpoint(),
                        "AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY,
                        "AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY));

        String location = store.put("app/7/app.zip", file("zip bytes"));

        assertThat(location).isEqualTo("s3://created/team-a/app/7/app.zip");
        try (InputStream in = store.get("app/7/app.zip")) {
            assertThat(new String(in.readAllBytes())).isEqualTo("zip bytes");
        }
    }

    @Test
    void a_large_artifact_goes_up_in_parallel_parts_and_comes_back_whole() throws Exception {
        byte[] content = new byte[40 << 20]; // three parts of 16 MiB, the last one short
        new java.util.Random(7).nextBytes(content);
        Path big = work.resolve("big.zip");
        Files.write(big, content);
        ArtifactStore store =
                new MinioArtifactStore(server.endpoint(), S3Server.ACCESS_KEY, S3Server.SECRET_KEY, "large", "big");

        store.put("app.zip", big);

        try (InputStream in = store.get("app.zip")) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(store.list("app.zip"))
                .singleElement()
                .extracting(StoredObject::size)
                .isEqualTo((long) content.length);
    }

    @Test
    void wrong_credentials_say_so() throws Exception {
        ArtifactStore store =
                new MinioArtifactStore(server.endpoint(), S3Server.ACCESS_KEY, "not-the-secret-key", "refused", "");

        assertThatThrownBy(() -> store.put("a.zip", file("x")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(server.endpoint())
                .hasMessageContaining("check the store's access key and secret key")
                .hasMessageNotContaining("not-the-secret-key");
    }

    @Test
    void local_store_writes_whole_files_and_keeps_keys_inside() throws Exception {
        ArtifactStore store = new LocalDirectoryArtifactStore(work.resolve("out"));

        String location = store.put("sub/a.zip", file("content"));

        assertThat(Path.of(location)).hasContent("content");
        assertThat(work.resolve("out/sub/a.zip.partial")).doesNotExist();
        assertThatThrownBy(() -> store.put("../escape.zip", file("x"))).isInstanceOf(StoreException.class);
    }

    @Test
    void s3_locations_need_a_bucket_and_keys() {
        assertThatThrownBy(() -> ArtifactStores.fromLocation("s3://", Map.of()))
                .isInstanceOf(KitException.class)
                .hasMessageContaining("no bucket");
        assertThatThrownBy(() -> ArtifactStores.fromLocation("s3://b", Map.of()))
                .hasMessageContaining("AWS_ACCESS_KEY_ID");
    }
}
