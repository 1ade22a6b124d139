package dev.kiln.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.model.api.Allowance;
import dev.kiln.model.api.LogPage;
import dev.kiln.model.api.PipelineSummary;
import dev.kiln.model.api.Removed;
import dev.kiln.model.api.Run;
import dev.kiln.model.api.UnknownNameException;
import dev.kiln.orchestrator.core.JobReports;
import dev.kiln.orchestrator.core.LogArchive;
import dev.kiln.orchestrator.core.LogHub;
import dev.kiln.orchestrator.core.Orchestrator;
import dev.kiln.orchestrator.source.GitCredentials;
import dev.kiln.orchestrator.state.JobRecord;
import dev.kiln.orchestrator.state.Repository;
import dev.kiln.orchestrator.state.RunRecord;
import dev.kiln.orchestrator.state.StateStore;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Repositories, pipelines, runs and their control, jobs and logs. */
final class RunRoutes {
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9_.-]{0,99}";

    private final Orchestrator orchestrator;
    private final StateStore store;
    private final LogHub logs;
    private final LogArchive archive;
    private final StreamSlots streams;
    private final JobReports reports;

    RunRoutes(
            Orchestrator orchestrator,
            StateStore store,
            LogHub logs,
            LogArchive archive,
            JobReports reports,
            StreamSlots streams) {
        this.streams = streams;
        this.reports = reports;
        this.archive = archive;
        this.orchestrator = orchestrator;
        this.store = store;
        this.logs = logs;
    }

    void mount(Router router) {
        router.get("/api/v1/repositories")
                .handler(ctx -> Responses.json(
                        ctx,
                        200,
                        () -> Future.succeededFuture(orchestrator.repositories().stream()
                                .map(ApiViews::repository)
                                .toList())));
        router.post("/api/v1/repositories").handler(this::addRepository);
        router.patch("/api/v1/repositories/:name").handler(this::editRepository);
        router.delete("/api/v1/repositories/:name")
                .handler(ctx -> Responses.json(
                        ctx,
                        200,
                        () -> orchestrator
                                .removeRepository(ctx.pathParam("name"))
                                .map(removed -> {
                                    if (!removed) {
                                        throw new NotFoundException("no repository named " + ctx.pathParam("name"));
                                    }
                                    return new Removed(ctx.pathParam("name"));
                                })));
        router.get("/api/v1/pipelines")
                .handler(ctx -> Responses.json(
                        ctx,
                        200,
                        () -> Future.all(orchestrator.pipelines().entrySet().stream()
                                        .sorted(Map.Entry.comparingByKey())
                                        .map(e -> latest(e.getKey())
                                                .map(run -> new PipelineSummary(
                                                        e.getKey(), e.getValue(), run.orElse(null))))
                                        .toList())
                                .map(all -> all.<PipelineSummary>list())));
        router.get("/api/v1/runs")
                .handler(ctx -> Responses.json(
                        ctx,
                        200,
                        () -> store.runs(Optional.ofNullable(ctx.request().getParam("pipeline")), (int)
                                        Responses.number(ctx, "limit", 50, 1, 1000))
                                .compose(runs -> Future.all(runs.stream()
                                                .map(r -> orchestrator
                                                        .commits()
                                                        .of(r.repository(), r.revision())
                                                        .map(c -> ApiViews.run(r, c, null)))
                                                .toList())
                                        .map(all -> all.<Run>list()))));
        router.post("/api/v1/runs")
                .handler(ctx -> Responses.json(ctx, 201, () -> {
                    JsonNode body = ApiJson.tree(ctx.body().buffer());
                    return orchestrator
                            .startManually(ApiJson.string(body, "pipeline"), ApiJson.optionalString(body, "ref"))
                            .compose(this::run);
                }));
        router.get("/api/v1/runs/:id").handler(ctx -> Responses.json(ctx, 200, () -> run(ctx.pathParam("id"))));
        router.post("/api/v1/runs/:id/stop")
                .handler(ctx -> Responses.json(ctx, 200, () -> {
                    JsonNode body = ApiJson.tree(ctx.body().buffer());
                    String id = ctx.pathParam("id");
                    return orchestrator
                            .stop(
                                    id,
                                    ApiJson.bool(body, "abandon"),
                                    ApiJson.optionalString(body, "reason").orElse(""))
                            .compose(v -> run(id));
                }));
        router.post("/api/v1/runs/:id/retry")
                .handler(ctx -> Responses.json(ctx, 200, () -> {
                    JsonNode body = ApiJson.tree(ctx.body().buffer());
                    String id = ctx.pathParam("id");
                    return orchestrator
                            .retry(id, ApiJson.string(body, "stage"), ApiJson.bool(body, "allActions"))
                            .compose(v -> run(id));
                }));
        router.post("/api/v1/runs/:id/approval")
                .handler(ctx -> Responses.json(ctx, 200, () -> {
                    JsonNode body = ApiJson.tree(ctx.body().buffer());
                    String id = ctx.pathParam("id");
                    if (body.get("approved") == null || !body.get("approved").isBoolean()) {
                        throw new BadRequestException("field approved is required: true to approve, false to reject");
                    }
                    return orchestrator
                            .approve(
                                    id,
                                    ApiJson.string(body, "stage"),
                                    ApiJson.bool(body, "approved"),
                                    UserRoutes.principal(ctx).name(),
                                    ApiJson.optionalString(body, "comment").orElse(""))
                            .compose(v -> run(id));
                }));
        router.get("/api/v1/runs/:id/jobs")
                .handler(ctx -> Responses.json(
                        ctx,
                        200,
                        () -> store.jobs(ctx.pathParam("id"))
                                .map(jobs -> jobs.stream().map(ApiViews::job).toList())));
        router.get("/api/v1/jobs/:id/log")
                .handler(ctx -> Responses.json(ctx, 200, () -> {
                    long from = Responses.number(ctx, "from", 0, 0, Long.MAX_VALUE);
                    int limit = (int) Responses.number(ctx, "limit", 10_000, 1, 100_000);
                    String id = ctx.pathParam("id");
                    return store.job(id).compose(job -> {
                        JobRecord found = job.orElseThrow(() -> new NotFoundException("no job " + id));
                        return archive.read(id, from, limit)
                                .map(lines -> new LogPage(
                                        lines,
                                        from + lines.size(),
                                        found.endedAt().isPresent()));
                    });
                }));
        router.get("/api/v1/jobs/:id/reports")
                .handler(ctx -> store.job(ctx.pathParam("id"))
                        .compose(job -> reports.of(
                                job.orElseThrow(() -> new NotFoundException("no job " + ctx.pathParam("id")))))
                        .onFailure(e -> Responses.error(ctx, e))
                        .onSuccess(json -> ctx.response()
                                .putHeader("Content-Type", "application/json")
                                .end(json.map(io.vertx.core.buffer.Buffer::buffer)
                                        .orElse(io.vertx.core.buffer.Buffer.buffer("[]")))));
        router.get("/api/v1/jobs/:id/log/stream").handler(ctx -> LogStream.serve(ctx, store, logs, archive, streams));
    }

    private Future<Optional<Run>> latest(String pipeline) {
        return store.runs(Optional.of(pipeline), 1).compose(runs -> {
            if (runs.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
            }
            RunRecord run = runs.get(0);
            return orchestrator
                    .commits()
                    .of(run.repository(), run.revision())
                    .map(c -> Optional.of(ApiViews.run(run, c, null)));
        });
    }

    private Future<Run> run(String id) {
        return store.run(id).compose(run -> {
            if (run.isEmpty()) {
                return Future.failedFuture(new NotFoundException("no run " + id));
            }
            RunRecord found = run.get();
            return orchestrator
                    .commits()
                    .of(found.repository(), found.revision())
                    .compose(commit -> store.history(id).map(history -> ApiViews.run(found, commit, history)));
        });
    }

    private void addRepository(RoutingContext ctx) {
        Responses.json(ctx, 201, () -> {
            JsonNode body = ApiJson.tree(ctx.body().buffer());
            String url = ApiJson.string(body, "url");
            String name = ApiJson.optionalString(body, "name").orElse(nameOf(url));
            if (!name.matches(NAME)) {
                throw new BadRequestException("field name: '" + name + "' must start with a letter or digit and"
                        + " hold only letters, digits, '.', '-' and '_' (at most 100)");
            }
            if (GitCredentials.hasPassword(url)) {
                throw new BadRequestException("field url: it holds a password or token, which everyone who reads the"
                        + " repository or its runs would see; give the URL without it and the credentials apart"
                        + " (kiln repos add URL --credentials FILE, or the field credentials)");
            }
            Optional<String> sealed = credentials(body).map(orchestrator::seal);
            int poll = ApiJson.integer(body, "pollIntervalSeconds").orElse(orchestrator.defaultPollInterval());
            if (poll < 0 || poll > 86_400) {
                throw new BadRequestException("field pollIntervalSeconds must be from 0 (never) to 86400");
            }
            Repository repo = new Repository(
                    name,
                    url,
                    ApiJson.optionalString(body, "branch"),
                    ApiJson.optionalString(body, "webhookSecret"),
                    poll,
                    Map.of(),
                    Instant.now(),
                    allowances(body),
                    sealed);
            return orchestrator.addRepository(repo).map(ApiViews::repository);
        });
    }

    /** The {@code credentials} field: {@code {"username": ..., "token": ...}}; empty when absent. */
    private static Optional<GitCredentials> credentials(JsonNode body) {
        JsonNode given = body.get("credentials");
        if (given == null || given.isNull()) {
            return Optional.empty();
        }
        if (!given.isObject()) {
            throw new BadRequestException("field credentials must be an object: {\"username\": ..., \"token\": ...}");
        }
        String username = text(given.get("username"));
        String token = text(given.get("token"));
        if (username.isBlank() || token.isBlank() || username.contains("\n") || token.contains("\n")) {
            throw new BadRequestException(
                    "field credentials: username and token are required, each one line, not" + " empty");
        }
        return Optional.of(new GitCredentials(username, token));
    }

    private static String text(@org.jspecify.annotations.Nullable JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : "";
    }

    /** The {@code allow} field: a list of allowances' names; none when absent. */
    private static java.util.Set<Allowance> allowances(JsonNode body) {
        JsonNode allow = body.get("allow");
        java.util.Set<Allowance> out = java.util.EnumSet.noneOf(Allowance.class);
        if (allow == null || allow.isNull()) {
            return out;
        }
        if (!allow.isArray()) {
            throw new BadRequestException("field allow must be a list, such as [\"privileged\"]");
        }
        for (JsonNode item : allow) {
            try {
                out.add(Allowance.of(item.isTextual() ? item.asText() : item.toString()));
            } catch (UnknownNameException e) {
                throw new BadRequestException("field allow: " + e.getMessage());
            }
        }
        return out;
    }

    private void editRepository(RoutingContext ctx) {
        Responses.json(ctx, 200, () -> {
            JsonNode body = ApiJson.tree(ctx.body().buffer());
            java.util.Iterator<String> fields = body.fieldNames();
            while (fields.hasNext()) {
                String field = fields.next();
                if (!field.equals("allow")) {
                    throw new BadRequestException("field " + field + " cannot be changed; only allow can (remove the"
                            + " repository and add it again to change the rest)");
                }
            }
            if (!body.has("allow")) {
                throw new BadRequestException("nothing to change: send {\"allow\": [...]}");
            }
            return orchestrator.allow(ctx.pathParam("name"), allowances(body)).map(ApiViews::repository);
        });
    }

    static String nameOf(String url) {
        String trimmed = url.replaceAll("[/\\\\]+$", "");
        String last = trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf(':')) + 1);
        return last.replaceAll("\\.git$", "");
    }
}
