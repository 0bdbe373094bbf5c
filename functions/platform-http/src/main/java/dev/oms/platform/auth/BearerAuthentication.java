package dev.oms.platform.auth;

import dev.oms.app.security.Caller;

/**
 * The one place that turns a request's {@code Authorization} header into a caller, inside the function that serves
 * the request (one Lambda invocation per API request; no authorizer function in front). It verifies the tokens the
 * OMS issues ({@link TokenService}, {@code iss: oms}) and the access tokens of the identity providers the tenants
 * trust ({@link OidcAuthentication}, {@code OMS_OIDC_ISSUERS}); the token's unverified {@code iss} only chooses which
 * verifier checks it. An API key ({@code omsk_...}, {@link ApiKeyAuthentication}) is accepted in the same place. A missing or bad credential is not an exception: it is the reason a route that needs a caller
 * answers a problem+json 401.
 */
public final class BearerAuthentication {
    private static volatile BearerAuthentication shared;

    private final TokenService tokens;
    private volatile String oidcConfig = "";
    private volatile OidcAuthentication oidc;

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
        if (dev.oms.app.keys.ApiKeySecrets.looksLikeKey(token)) {
            return ApiKeyAuthentication.authenticate(token).map(c -> new Outcome(c, null))
                    .orElseGet(() -> Outcome.refused("Invalid API key: unknown, revoked or expired"));
        }
        try {
            String issuer = unverifiedIssuer(token);
            if (issuer == null || TokenService.ISSUER.equals(issuer)) return new Outcome(tokens.verify(token), null);
            OidcAuthentication providers = oidc();
            if (!providers.trusts(issuer)) return Outcome.refused("Invalid token: its issuer is not trusted");
            return new Outcome(providers.verify(issuer, token), null);
        } catch (TokenService.InvalidToken e) {
            return Outcome.refused("Invalid token: " + e.getMessage());
        }
    }

    /** The identity providers of {@code OMS_OIDC_ISSUERS}, built again when the setting changes. */
    private OidcAuthentication oidc() throws TokenService.InvalidToken {
        String config = dev.oms.platform.config.Env.get("OMS_OIDC_ISSUERS", "");
        OidcAuthentication o = oidc;
        if (o == null || !config.equals(oidcConfig)) {
            synchronized (this) {
                if (oidc == null || !config.equals(oidcConfig)) {
                    try {
                        oidc = OidcAuthentication.parse(config);
                    } catch (RuntimeException e) {
                        oidc = OidcAuthentication.parse("");
                        dev.oms.platform.observability.Observability.error("OMS_OIDC_ISSUERS is not valid; no identity provider is trusted", e);
                    }
                    oidcConfig = config;
                }
                o = oidc;
            }
        }
        return o;
    }

    /**
     * When the person behind a token signed in ({@code auth_time}, seconds), for a token {@link #verify} accepted:
     * identity providers set it; OMS tokens carry it when minted for a sign-in. Null when the token does not say.
     */
    public static java.time.Instant authTime(String verifiedToken) {
        try {
            int first = verifiedToken.indexOf('.');
            int second = verifiedToken.indexOf('.', first + 1);
            byte[] payload = java.util.Base64.getUrlDecoder().decode(verifiedToken.substring(first + 1, second));
            var claims = dev.oms.platform.json.Json.parse(new String(payload, java.nio.charset.StandardCharsets.UTF_8));
            return claims.path("auth_time").canConvertToLong() ? java.time.Instant.ofEpochSecond(claims.get("auth_time").asLong()) : null;
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    /** The bearer token of an {@code Authorization} header, or null. */
    public static String bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        return authorization.substring(7).trim();
    }

    /** The {@code iss} claim of a compact JWS, read without checking anything (the verifier it selects checks it). */
    static String unverifiedIssuer(String token) throws TokenService.InvalidToken {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first < 0 || second < 0) throw new TokenService.InvalidToken("malformed token");
        try {
            byte[] payload = java.util.Base64.getUrlDecoder().decode(token.substring(first + 1, second));
            var claims = dev.oms.platform.json.Json.parse(new String(payload, java.nio.charset.StandardCharsets.UTF_8));
            return claims.hasNonNull("iss") ? claims.get("iss").asText() : null;
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new TokenService.InvalidToken("malformed token");
        }
    }
}
