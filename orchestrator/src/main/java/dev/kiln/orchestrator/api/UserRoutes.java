package dev.kiln.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.model.api.AgentKind;
import dev.kiln.model.api.AgentToken;
import dev.kiln.model.api.AgentTokenInfo;
import dev.kiln.model.api.LoggedOut;
import dev.kiln.model.api.NewAgentToken;
import dev.kiln.model.api.Principal;
import dev.kiln.model.api.Removed;
import dev.kiln.model.api.Role;
import dev.kiln.model.api.UnknownNameException;
import dev.kiln.orchestrator.access.LoginThrottle;
import dev.kiln.orchestrator.access.Tokens;
import dev.kiln.orchestrator.access.Users;
import dev.kiln.orchestrator.state.AgentGrant;
import dev.kiln.orchestrator.state.TokenRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;

/** Logins ({@code /sessions}), who a token speaks for ({@code /me}) and the users an admin manages. */
final class UserRoutes {
    /** The routing context key of the caller's {@link Principal}. */
    static final String PRINCIPAL = "kiln.principal";
    /** The routing context key of the {@link dev.kiln.orchestrator.access.Caller}: the principal, its token's hash. */
    static final String CALLER = "kiln.caller";

    private static final String TOKEN_NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";

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
                    NewAgentToken request = ApiJson.read(ctx.body().buffer(), NewAgentToken.class);
                    String name = request.name() == null ? "" : request.name();
                    if (!name.matches(TOKEN_NAME)) {
                        throw new BadRequestException("field name: '" + name + "' must start with a letter or digit"
                                + " and hold only letters, digits, '.', '_' and '-' (at most 100)");
                    }
                    AgentKind kind = request.kind() == null ? AgentKind.BUILD : request.kind();
                    List<String> environments = request.environments();
                    if (environments != null) {
                        if (kind != AgentKind.DEPLOY) {
                            throw new BadRequestException("field environments: only deploy agents deploy to"
                                    + " environments; leave it out, or ask for kind deploy");
                        }
                        if (environments.size() > 30) {
                            throw new BadRequestException(
                                    "field environments: at most 30; for more, leave it out" + " (every environment)");
                        }
                        for (String environment : environments) {
                            if (environment == null || !environment.matches(TOKEN_NAME)) {
                                throw new BadRequestException(
                                        "field environments: '" + environment + "' is not an environment's name");
                            }
                        }
                    }
                    List<String> labels = request.labels();
                    if (labels != null) {
                        if (labels.size() > 30) {
                            throw new BadRequestException(
                                    "field labels: at most 30; for more, leave it out (any labels)");
                        }
                        for (String label : labels) {
                            if (label == null || !label.matches(TOKEN_NAME)) {
                                throw new BadRequestException("field labels: '" + label + "' is not a label: use"
                                        + " letters, digits, '.', '_' and '-' (at most 100)");
                            }
                        }
                    }
                    AgentGrant grant = new AgentGrant(
                            Optional.of(kind),
                            Optional.ofNullable(environments).map(java.util.Set::copyOf),
                            Optional.ofNullable(labels).map(java.util.Set::copyOf));
                    return tokens.createAgent(name, grant)
                            .map(token -> new AgentToken(name, Role.AGENT, token, kind, environments, labels));
                }));
        router.get("/api/v1/agent-tokens")
                .handler(ctx -> Responses.json(
                        ctx,
                        200,
                        () -> tokens.agentTokens()
                                .map(list -> list.stream().map(UserRoutes::info).toList())));
        router.delete("/api/v1/agent-tokens/:name")
                .handler(ctx -> Responses.json(
                        ctx,
                        200,
                        () -> tokens.revokeAgent(ctx.pathParam("name")).map(revoked -> {
                            if (!revoked) {
                                throw new NotFoundException("no agent token named " + ctx.pathParam("name")
                                        + "; see 'kiln agents tokens list'");
                            }
                            return new Removed(ctx.pathParam("name"));
                        })));
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

    private static AgentTokenInfo info(TokenRecord token) {
        AgentGrant grant = token.grant().orElse(AgentGrant.unbound());
        return new AgentTokenInfo(
                token.name(),
                grant.kind().orElse(null),
                grant.environments().map(e -> e.stream().sorted().toList()).orElse(null),
                grant.labels().map(l -> l.stream().sorted().toList()).orElse(null),
                token.createdAt().orElse(java.time.Instant.EPOCH));
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
