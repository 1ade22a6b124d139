package dev.kiln.ui.log;

import com.vaadin.flow.server.streams.DownloadEvent;
import dev.kiln.client.KilnClient;
import dev.kiln.model.api.LogPage;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** A job's raw log as a download: read from the API 10,000 lines at a time and written on as it comes. */
final class LogDownload {
    private static final int PAGE = 10_000;

    private LogDownload() {}

    static void write(KilnClient api, String jobId, DownloadEvent event) throws IOException {
        event.setFileName("kiln-" + jobId + ".log");
        event.setContentType("text/plain; charset=utf-8");
        Writer out = new OutputStreamWriter(event.getOutputStream(), StandardCharsets.UTF_8);
        long from = 0;
        while (true) {
            LogPage page = api.log(jobId, from, PAGE);
            for (String line : page.lines()) {
                out.write(line);
                out.write('\n');
            }
            if (page.lines().isEmpty()) {
                break; // a page may hold fewer lines than asked (a page's size is bounded too): only none is the end
            }
            from = page.next();
        }
        out.flush();
    }
}
