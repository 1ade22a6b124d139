package dev.kiln.ui.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.server.streams.DownloadEvent;
import dev.kiln.ui.KilnApi;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** A job's raw log as a download: read from the API 10,000 lines at a time and written on as it comes. */
final class LogDownload {
    private static final int PAGE = 10_000;

    private LogDownload() {}

    static void write(KilnApi api, String jobId, DownloadEvent event) throws IOException {
        event.setFileName("kiln-" + jobId + ".log");
        event.setContentType("text/plain; charset=utf-8");
        Writer out = new OutputStreamWriter(event.getOutputStream(), StandardCharsets.UTF_8);
        long from = 0;
        while (true) {
            JsonNode page = api.get("/api/v1/jobs/" + jobId + "/log?from=" + from + "&limit=" + PAGE);
            JsonNode lines = page.path("lines");
            for (JsonNode line : lines) {
                out.write(line.asText());
                out.write('\n');
            }
            if (lines.size() < PAGE) {
                break;
            }
            from = page.path("next").asLong(from + lines.size());
        }
        out.flush();
    }
}
