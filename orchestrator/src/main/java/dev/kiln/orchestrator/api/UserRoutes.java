package dev.kiln.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.orchestrator.access.Principal;
import dev.kiln.orchestrator.access.Role;
import dev.kiln.orchestrator.access.Tokens;
import dev.kiln.orchestrator.access.Users;
import dev.kiln.orchestrator.state.UserRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** Logins ({@code /sessions}), who a token speaks for ({@code /me}) and the users an admin manages. */
final class UserRoutes {
    /** The routing context key of the caller's {@link Principal}. */
    static final String PRINCIPAL = "kiln.principal";

    private final Vertx vertx;
    private final Users users;
    private final Tokens tokens;

    UserRoutes(Vertx vertx, Users users, Tokens tokens) {
        this.vertx = vertx;
        this.users = users;
        this.tokens = tokens;
    }

    /** The login call, which needs no token. */
    void mountOpen(Router router) {
        router.post("/api/v1/sessions").handler(this::login);
    }

    /** The calls that need a token. */
    void mount(Router router) {
        router.get("/api/v1/me").handler(ctx -> Responses.json(ctx, 200, () -> Future.succeededFuture(me(ctx))));
        router.delete("/api/v1/sessions")
                .handler(ctx -> Responses.json(
                        ctx,
                        200,
                        () -> tokens.revoke(bearer(ctx))
                                .map(v -> Map.of("loggedOut", principal(ctx).name()))));
        router.get("/api/v1/users")
                .handler(ctx -> Responses.json(
                        ctx,
                        200,
                        () -> users.list()
                                .map(list -> list.stream().map(UserRoutes::view).toList())));
        router.post("/api/v1/users")
                .handler(ctx -> Responses.json(ctx, 201, () -> {
                    JsonNode body = ApiJson.tree(ctx.body().buffer());
                    return users.add(
                                    ApiJson.string(body, "name"),
                                    ApiJson.string(body, "password"),
                                    Role.of(ApiJson.string(body, "role")))
                            .map(UserRoutes::view);
                }));
        router.post("/api/v1/agent-tokens")
                .handler(ctx -> Responses.json(ctx, 201, () -> {
                    String name = ApiJson.string(ApiJson.tree(ctx.body().buffer()), "name");
                    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
                        throw new BadRequestException("field name: '" + name + "' must start with a letter or digit"
                                + " and hold only letters, digits, '.', '_' and '-' (at most 100)");
                    }
                    return tokens.create(name, Role.AGENT).map(token -> {
                        Map<String, Object> out = new LinkedHashMap<>();
                        out.put("name", name);
                        out.put("role", Role.AGENT.wireName());
                        out.put("token", token);
                        return out;
                    });
                }));
        router.delete("/api/v1/users/:name")
                .handler(ctx -> Responses.json(
                        ctx,
                        200,
                        () -> users.remove(ctx.pathParam("name")).map(removed -> {
                            if (!removed) {
                                throw new NotFoundException("no user named " + ctx.pathParam("name"));
                            }
                            return Map.of("removed", ctx.pathParam("name"));
                        })));
    }

    private void login(RoutingContext ctx) {
        Responses.json(ctx, 201, () -> {
            JsonNode body = ApiJson.tree(ctx.body().buffer());
            return users.login(ApiJson.string(body, "name"), ApiJson.string(body, "password"))
                    .recover(failed -> {
                        // a failed login answers after a pause, to slow down guessing
                        io.vertx.core.Promise<Users.Login> later = io.vertx.core.Promise.promise();
                        vertx.setTimer(500, id -> later.fail(failed));
                        return later.future();
                    })
                    .map(login -> {
                        Map<String, Object> out = new LinkedHashMap<>();
                        out.put("token", login.token());
                        out.put("name", login.principal().name());
                        out.put("role", login.principal().role().wireName());
                        out.put("expiresInSeconds", Users.LOGIN.toSeconds());
                        return out;
                    });
        });
    }

    private static Map<String, Object> me(RoutingContext ctx) {
        Principal p = principal(ctx);
        return Map.of("name", p.name(), "role", p.role().wireName());
    }

    static Principal principal(RoutingContext ctx) {
        return ctx.get(PRINCIPAL);
    }

    static String bearer(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        return header == null || !header.startsWith("Bearer ")
                ? ""
                : header.substring("Bearer ".length()).trim();
    }

    private static Map<String, Object> view(UserRecord user) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", user.name());
        out.put("role", user.role());
        out.put("createdAt", user.createdAt());
        return out;
    }
}
