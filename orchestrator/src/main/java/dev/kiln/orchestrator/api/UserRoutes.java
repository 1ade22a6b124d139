package dev.kiln.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.model.api.AgentToken;
import dev.kiln.model.api.LoggedOut;
import dev.kiln.model.api.Principal;
import dev.kiln.model.api.Removed;
import dev.kiln.model.api.Role;
import dev.kiln.model.api.UnknownNameException;
import dev.kiln.orchestrator.access.LoginThrottle;
import dev.kiln.orchestrator.access.Tokens;
import dev.kiln.orchestrator.access.Users;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Logins ({@code /sessions}), who a token speaks for ({@code /me}) and the users an admin manages. */
final class UserRoutes {
    /** The routing context key of the caller's {@link Principal}. */
    static final String PRINCIPAL = "kiln.principal";
    /** The routing context key of the SHA-256 of the caller's token. */
    static final String TOKEN_HASH = "kiln.token";

    private final Vertx vertx;
    private final Users users;
    private final Tokens tokens;
    private final LoginThrottle throttle;

    UserRoutes(Vertx vertx, Users users, Tokens tokens, LoginThrottle throttle) {
        this.vertx = vertx;
        this.users = users;
        this.tokens = tokens;
        this.throttle = throttle;
    }

    /** The login call, which needs no token. */
    void mountOpen(Router router) {
        router.post("/api/v1/sessions").handler(this::login);
    }

    /** The calls that need a token. */
    void mount(Router router) {
        router.get("/api/v1/me").handler(ctx -> Responses.json(ctx, 200, () -> Future.succeededFuture(principal(ctx))));
        router.delete("/api/v1/sessions")
                .handler(ctx -> Responses.json(
                        ctx,
                        200,
                        () -> tokens.revoke(bearer(ctx))
                                .map(v -> new LoggedOut(principal(ctx).name()))));
        router.get("/api/v1/users")
                .handler(ctx -> Responses.json(
                        ctx,
                        200,
                        () -> users.list()
                                .map(list -> list.stream().map(ApiViews::user).toList())));
        router.post("/api/v1/users")
                .handler(ctx -> Responses.json(ctx, 201, () -> {
                    JsonNode body = ApiJson.tree(ctx.body().buffer());
                    return users.add(
                                    ApiJson.string(body, "name"),
                                    ApiJson.string(body, "password"),
                                    role(ApiJson.string(body, "role")))
                            .map(ApiViews::user);
                }));
        router.post("/api/v1/agent-tokens")
                .handler(ctx -> Responses.json(ctx, 201, () -> {
                    String name = ApiJson.string(ApiJson.tree(ctx.body().buffer()), "name");
                    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
                        throw new BadRequestException("field name: '" + name + "' must start with a letter or digit"
                                + " and hold only letters, digits, '.', '_' and '-' (at most 100)");
                    }
                    return tokens.create(name, Role.AGENT).map(token -> new AgentToken(name, Role.AGENT, token));
                }));
        router.delete("/api/v1/users/:name")
                .handler(ctx -> Responses.json(
                        ctx,
                        200,
                        () -> users.remove(ctx.pathParam("name")).map(removed -> {
                            if (!removed) {
                                throw new NotFoundException("no user named " + ctx.pathParam("name"));
                            }
                            return new Removed(ctx.pathParam("name"));
                        })));
    }

    private void login(RoutingContext ctx) {
        Responses.json(ctx, 201, () -> {
            JsonNode body = ApiJson.tree(ctx.body().buffer());
            String name = ApiJson.string(body, "name");
            String address = ctx.request().remoteAddress() == null
                    ? "unknown"
                    : ctx.request().remoteAddress().hostAddress();
            java.util.OptionalLong pause = throttle.pause(address, name);
            if (pause.isPresent()) {
                throw new TooManyLoginsException(pause.getAsLong());
            }
            return users.login(name, ApiJson.string(body, "password"))
                    .onSuccess(login -> throttle.succeeded(address, name))
                    .recover(failed -> {
                        if (failed instanceof dev.kiln.orchestrator.access.LoginFailedException) {
                            throttle.failed(address, name);
                        }
                        // a failed login answers after a pause, to slow down guessing
                        io.vertx.core.Promise<Users.Login> later = io.vertx.core.Promise.promise();
                        vertx.setTimer(500, id -> later.fail(failed));
                        return later.future();
                    })
                    .map(login -> new dev.kiln.model.api.Login(
                            login.token(),
                            login.principal().name(),
                            login.principal().role(),
                            Users.LOGIN.toSeconds()));
        });
    }

    /** A role a request names; 400 naming the roles there are. */
    private static Role role(String name) {
        try {
            return Role.of(name);
        } catch (UnknownNameException e) {
            throw new BadRequestException("field role: " + e.getMessage());
        }
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
}
