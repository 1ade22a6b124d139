package dev.kiln.orchestrator.api;

import dev.kiln.model.api.Environment;
import dev.kiln.model.api.NewEnvironment;
import dev.kiln.model.api.Removed;
import dev.kiln.model.deploy.DeploymentReport;
import dev.kiln.orchestrator.core.DeployDesk;
import dev.kiln.orchestrator.deploy.Environments;
import dev.kiln.orchestrator.deploy.UnknownEnvironmentException;
import dev.kiln.orchestrator.state.DeploymentStore;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Environments ({@code /environments}, add, show, remove, rollback), deployments ({@code /deployments}) and the deploy
 * agent's calls ({@code /jobs/{id}/deployment} starts a leased job's deployment, {@code /jobs/{id}/deployments/{d}}
 * reports one and is answered with the automatic rollback, if one is due).
 */
public final class DeployRoutes {
    /** What the routes need, built by the server. */
    public record Parts(Environments environments, DeploymentStore store, DeployDesk desk) {}

    private final Environments environments;
    private final DeploymentStore store;
    private final DeployDesk desk;

    DeployRoutes(Environments environments, DeploymentStore store, DeployDesk desk) {
        this.environments = environments;
        this.store = store;
        this.desk = desk;
    }

    void mount(Router router) {
        router.get("/api/v1/environments")
                .handler(ctx -> Responses.json(
                        ctx,
                        200,
                        () -> environments
                                .list()
                                .compose(all -> Future.all(all.stream()
                                                .map(e -> store.lastSuccessful(e.name())
                                                        .map(last ->
                                                                ApiViews.environment(e, last, java.util.List.of())))
                                                .toList())
                                        .map(f -> f.<Environment>list()))));
        router.post("/api/v1/environments")
                .handler(ctx -> Responses.json(ctx, 201, () -> {
                    NewEnvironment request = ApiJson.read(ctx.body().buffer(), NewEnvironment.class);
                    return environments
                            .add(request)
                            .map(e -> ApiViews.environment(e, Optional.empty(), java.util.List.of()));
                }));
        router.get("/api/v1/environments/:name").handler(ctx -> Responses.json(ctx, 200, () -> show(ctx)));
        router.delete("/api/v1/environments/:name")
                .handler(ctx -> Responses.json(
                        ctx,
                        200,
                        () -> environments.remove(ctx.pathParam("name")).map(removed -> {
                            if (!removed) {
                                throw new UnknownEnvironmentException(
                                        "no environment named '" + ctx.pathParam("name") + "'");
                            }
                            return new Removed(ctx.pathParam("name"));
                        })));
        router.post("/api/v1/environments/:name/rollback")
                .handler(ctx -> Responses.json(ctx, 202, () -> {
                    Optional<String> to =
                            ApiJson.optionalString(ApiJson.tree(ctx.body().buffer()), "to");
                    return desk.rollback(ctx.pathParam("name"), to).map(d -> ApiViews.deployment(d, false));
                }));
        router.get("/api/v1/deployments")
                .handler(ctx -> Responses.json(ctx, 200, () -> {
                    String environment = Optional.ofNullable(ctx.request().getParam("environment"))
                            .orElse("");
                    int limit = (int) Responses.number(ctx, "limit", 50, 1, 1000);
                    return store.deployments(environment, limit)
                            .map(all -> all.stream()
                                    .map(d -> ApiViews.deployment(d, false))
                                    .toList());
                }));
        router.get("/api/v1/deployments/:id")
                .handler(ctx -> Responses.json(
                        ctx,
                        200,
                        () -> store.deployment(ctx.pathParam("id"))
                                .map(d -> ApiViews.deployment(
                                        d.orElseThrow(() -> new NotFoundException("no deployment " + ctx.pathParam("id")
                                                + "; see 'kiln deployments list'")),
                                        true))));
        router.post("/api/v1/deployments/:id/stop")
                .handler(ctx -> Responses.json(ctx, 202, () -> {
                    boolean rollback = ApiJson.bool(ApiJson.tree(ctx.body().buffer()), "rollback", true);
                    return desk.stop(ctx.pathParam("id"), rollback).map(d -> ApiViews.deployment(d, false));
                }));
        router.post("/api/v1/jobs/:id/deployment")
                .handler(ctx -> Responses.json(
                        ctx,
                        200,
                        () -> desk.begin(AgentRoutes.agent(ctx), AgentRoutes.caller(ctx), ctx.pathParam("id"))));
        router.post("/api/v1/jobs/:id/deployments/:deployment")
                .handler(ctx -> Responses.json(ctx, 200, () -> {
                    DeploymentReport report = ApiJson.read(ctx.body().buffer(), DeploymentReport.class);
                    if (report.status() == null || report.hosts() == null) {
                        throw new BadRequestException("fields status and hosts are required");
                    }
                    return desk.reported(
                                    AgentRoutes.agent(ctx),
                                    AgentRoutes.caller(ctx),
                                    ctx.pathParam("id"),
                                    ctx.pathParam("deployment"),
                                    report)
                            .map(next -> next.orElse(null));
                }));
    }

    private Future<Environment> show(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        return environments
                .get(name)
                .compose(e -> store.deployments(name, 20)
                        .compose(recent ->
                                store.lastSuccessful(name).map(last -> ApiViews.environment(e, last, recent))));
    }
}
