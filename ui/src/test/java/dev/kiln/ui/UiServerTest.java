package dev.kiln.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.client.KilnClient;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class UiServerTest {
    @Test
    void serves_the_vaadin_application_in_production_mode() throws Exception {
        try (UiServer ui = UiServer.start("127.0.0.1", 0, new KilnClient("http://127.0.0.1:9", "none"))) {
            HttpResponse<String> page = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(ui.url()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("VAADIN/build/indexhtml").doesNotContain("vaadin-dev");
        }
    }
}
