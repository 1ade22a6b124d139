package dev.kiln.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.model.api.Acknowledged;
import dev.kiln.model.api.LogAccepted;
import dev.kiln.model.job.AgentHello;
import dev.kiln.model.job.Heartbeat;
import dev.kiln.model.job.JobHandBack;
import dev.kiln.model.job.JobResult;
import dev.kiln.model.job.LogBatch;
import dev.kiln.model.job.ObjectGrantRequest;
import dev.kiln.orchestrator.access.Caller;
import dev.kiln.orchestrator.core.AgentDesk;
import dev.kiln.orchestrator.state.StateStore;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The agent protocol: {@code PUT /agents/{id}} says hello, {@code POST /agents/{id}/lease?waitMs=} long-polls for a
 * job (204 when none came), {@code POST /agents/{id}/heartbeat} beats (and learns which jobs to stop); then per job
 * {@code started}, {@code log} batches, URLs for its objects ({@code POST /jobs/{id}/objects}, a listing by
 * {@code GET}) and the {@code result}, each naming the agent in {@code X-Kiln-Agent}.
 */
final class AgentRoutes {
    private final AgentDesk desk;

    AgentRoutes(AgentDesk desk) {
        this.desk = desk;
    }

    void mount(Router router) {
        router.get("/api/v1/agents")
                .handler(ctx -> Responses.json(ctx, 200, () -> Future.succeededFuture(desk.agents())));
        router.post("/api/v1/agents/:id/drain")
                .handler(ctx -> Responses.json(ctx, 200, () -> {
                    JsonNode drain = ApiJson.tree(ctx.body().buffer()).get("drain");
                    if (drain != null && !drain.isBoolean()) {
                        throw new BadRequestException("field drain must be true (drain) or false (take jobs again)");
                    }
                    return Future.succeededFuture(desk.drain(ctx.pathParam("id"), drain == null || drain.asBoolean()));
                }));
        router.delete("/api/v1/agents/:id")
                .handler(ctx -> Responses.json(ctx, 200, () -> desk.remove(ctx.pathParam("id"))));
        router.put("/api/v1/agents/:id")
                .handler(ctx -> Responses.json(ctx, 200, () -> {
                    AgentHello hello = ApiJson.read(ctx.body().buffer(), AgentHello.class);
                    if (hello.kind() == null) {
                        throw new BadRequestException("field kind must be build or deploy");
                    }
                    if (hello.maxJobs() < 1 || hello.maxJobs() > 64) {
                        throw new BadRequestException("field maxJobs must be from 1 to 64");
                    }
                    return Future.succeededFuture(desk.hello(
                            ctx.pathParam("id"),
                            hello,
                            caller(ctx),
                            ctx.<Caller>get(UserRoutes.CALLER).grant()));
                }));
        router.post("/api/v1/agents/:id/lease")
                .handler(ctx -> Responses.json(
                        ctx,
                        200,
                        () -> desk.lease(
                                        ctx.pathParam("id"),
                                        caller(ctx),
                                        Responses.number(ctx, "waitMs", 20_000, 0, 60_000))
                                .map(job -> job.orElse(null))));
        router.post("/api/v1/agents/:id/heartbeat")
                .handler(ctx -> Responses.json(
                        ctx,
                        200,
                        () -> Future.succeededFuture(desk.heartbeat(
                                ctx.pathParam("id"),
                                caller(ctx),
                                ApiJson.read(ctx.body().buffer(), Heartbeat.class)))));
        router.post("/api/v1/jobs/:id/started")
                .handler(ctx -> Responses.json(
                        ctx,
                        200,
                        () -> desk.started(agent(ctx), caller(ctx), ctx.pathParam("id"))
                                .map(v -> new Acknowledged(ctx.pathParam("id")))));
        router.post("/api/v1/jobs/:id/log")
                .handler(ctx -> Responses.json(ctx, 200, () -> {
                    LogBatch batch = ApiJson.read(ctx.body().buffer(), LogBatch.class);
                    if (batch.firstLine() < 0) {
                        throw new BadRequestException("field firstLine must not be negative");
                    }
                    if (batch.lines().size() > StateStore.MAX_CHUNK_LINES) {
                        throw new BadRequestException(
                                "field lines holds " + batch.lines().size() + " lines; send at most "
                                        + StateStore.MAX_CHUNK_LINES + " in a batch");
                    }
                    return desk.log(agent(ctx), caller(ctx), ctx.pathParam("id"), batch)
                            .map(LogAccepted::new);
                }));
        router.post("/api/v1/jobs/:id/objects")
                .handler(ctx -> Responses.json(ctx, 200, () -> {
                    ObjectGrantRequest request = ApiJson.read(ctx.body().buffer(), ObjectGrantRequest.class);
                    return desk.grant(agent(ctx), caller(ctx), ctx.pathParam("id"), request);
                }));
        router.get("/api/v1/jobs/:id/objects")
                .handler(ctx -> Responses.json(ctx, 200, () -> {
                    String prefix = ctx.queryParams().get("prefix");
                    if (prefix == null) {
                        throw new BadRequestException("query parameter prefix is required: the key prefix to list");
                    }
                    return desk.objects(agent(ctx), caller(ctx), ctx.pathParam("id"), prefix);
                }));
        router.post("/api/v1/jobs/:id/handback")
                .handler(ctx -> Responses.json(ctx, 200, () -> {
                    JobHandBack why = ApiJson.read(ctx.body().buffer(), JobHandBack.class);
                    return desk.handBack(agent(ctx), caller(ctx), ctx.pathParam("id"), why)
                            .map(v -> new Acknowledged(ctx.pathParam("id")));
                }));
        router.post("/api/v1/agents/:id/goodbye")
                .handler(ctx -> Responses.json(ctx, 200, () -> desk.goodbye(ctx.pathParam("id"), caller(ctx))));
        router.post("/api/v1/jobs/:id/result")
                .handler(ctx -> Responses.json(ctx, 200, () -> {
                    JobResult result = ApiJson.read(ctx.body().buffer(), JobResult.class);
                    if (result.buildStatus() == null) {
                        throw new BadRequestException("field buildStatus is required");
                    }
                    return desk.finished(agent(ctx), caller(ctx), ctx.pathParam("id"), result)
                            .map(v -> new Acknowledged(ctx.pathParam("id")));
                }));
    }

    /** The SHA-256 of the call's token: an agent is spoken for only with the token it said hello with. */
    static String caller(RoutingContext ctx) {
        return ctx.<Caller>get(UserRoutes.CALLER).tokenHash();
    }

    /** The agent a call comes from, as it names itself in {@code X-Kiln-Agent}; checked against the token. */
    static String agent(RoutingContext ctx) {
        String agent = ctx.request().getHeader("X-Kiln-Agent");
        if (agent == null || agent.isBlank()) {
            throw new BadRequestException("header X-Kiln-Agent is required: the agent's id");
        }
        return agent;
    }
}
