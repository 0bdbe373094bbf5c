package dev.oms.platform.auth;

import dev.oms.app.security.Caller;

/**
 * The one place that turns a request's {@code Authorization} header into a caller, inside the function that serves
 * the request (one Lambda invocation per API request; no authorizer function in front). Today it verifies the
 * tokens the OMS issues ({@link TokenService}); later issuers (OIDC, API keys) plug in here. A missing or bad
 * credential is not an exception: it is the reason a route that needs a caller answers a problem+json 401.
 */
public final class BearerAuthentication {
    private static volatile BearerAuthentication shared;

    private final TokenService tokens;

    public BearerAuthentication(TokenService tokens) { this.tokens = tokens; }

    /** Built once per container from {@code OMS_TOKEN_SECRET}, on the first request that presents a token. */
    public static BearerAuthentication shared() {
        BearerAuthentication a = shared;
        if (a == null) {
            synchronized (BearerAuthentication.class) {
                if (shared == null) shared = new BearerAuthentication(TokenService.fromEnvironment());
                a = shared;
            }
        }
        return a;
    }

    /** Who calls, or why nobody could be recognised. */
    public record Outcome(Caller caller, String error) {
        static Outcome refused(String why) { return new Outcome(null, why); }
    }

    /** A request without the header is anonymous ("Missing bearer token"), which public routes accept. */
    public static Outcome authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) return Outcome.refused("Missing bearer token");
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Outcome.refused("The Authorization header must be 'Bearer <token>'");
        }
        return shared().verify(authorization.substring(7).trim());
    }

    public Outcome verify(String token) {
        try {
            return new Outcome(tokens.verify(token), null);
        } catch (TokenService.InvalidToken e) {
            return Outcome.refused("Invalid token: " + e.getMessage());
        }
    }
}
