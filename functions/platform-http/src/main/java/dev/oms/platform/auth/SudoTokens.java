package dev.oms.platform.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.security.Caller;
import dev.oms.platform.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Step-up ("sudo") tokens of the admin API (docs/admin-api.md, "Sudo"). A caller proves a fresh sign-in
 * ({@code reauth_token}: a token of the same subject and tenant whose {@code auth_time} is under 5 minutes old) and
 * gets a sudo token: compact JWS (HS256) signed with a key derived from {@code OMS_TOKEN_SECRET} (so it never passes
 * as a bearer token, nor a bearer token as it), kind {@code sudo}, valid 5 minutes, bound to the bearer token it was
 * issued to ({@code sid} = SHA-256 of that token): another bearer, subject or tenant is refused.
 */
public final class SudoTokens {
    public static final long TTL_SECONDS = 300;
    public static final long MAX_AUTH_AGE_SECONDS = 300;
    public static final String HEADER_NAME = "X-Admin-Auth-Sudo";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final String HEADER = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"oms-sudo\"}".getBytes(StandardCharsets.UTF_8));
    private static volatile SudoTokens shared;

    private final byte[] key;
    private final Clock clock;

    public SudoTokens(TokenService tokens, Clock clock) {
        this.key = tokens.derivedKey("sudo");
        this.clock = clock;
    }

    /** Built once per container from {@code OMS_TOKEN_SECRET}. */
    public static SudoTokens shared() {
        SudoTokens s = shared;
        if (s == null) {
            synchronized (SudoTokens.class) {
                if (shared == null) shared = new SudoTokens(TokenService.fromEnvironment(), Clock.systemUTC());
                s = shared;
            }
        }
        return s;
    }

    /** Why a sudo token, or a re-authentication, was refused. */
    public static final class Refused extends Exception {
        public Refused(String message) { super(message); }
    }

    public record Issued(String token, Instant expiresAt) { }

    /**
     * A sudo token for {@code caller} (who sent {@code bearerToken}), once {@code reauthenticated} (the caller the
     * re-authentication token names, verified) with the given {@code authTime} is the same person and recent enough.
     */
    public Issued issue(Caller caller, String bearerToken, Caller reauthenticated, Instant authTime) throws Refused {
        if (reauthenticated == null) throw new Refused("the re-authentication token is not valid");
        if (!reauthenticated.tenantId().equals(caller.tenantId()) || !reauthenticated.subject().equals(caller.subject())) {
            throw new Refused("the re-authentication token is for another subject or tenant");
        }
        if (reauthenticated.impersonatedBy() != null || caller.impersonatedBy() != null) throw new Refused("an impersonation cannot step up");
        Instant now = clock.instant();
        if (authTime == null) throw new Refused("the re-authentication token has no auth_time: sign in again");
        if (authTime.isAfter(now.plusSeconds(60)) || authTime.isBefore(now.minusSeconds(MAX_AUTH_AGE_SECONDS))) {
            throw new Refused("the sign-in is older than " + MAX_AUTH_AGE_SECONDS / 60 + " minutes: sign in again");
        }
        Instant expires = now.plusSeconds(TTL_SECONDS);
        ObjectNode claims = Json.object();
        claims.put("iss", TokenService.ISSUER);
        claims.put("kind", "sudo");
        claims.put("sub", caller.subject());
        claims.put("tenant_id", caller.tenantId());
        claims.put("sid", sessionId(bearerToken));
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", expires.getEpochSecond());
        String input = HEADER + "." + B64.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        return new Issued(input + "." + B64.encodeToString(TokenService.hmac(key, input)), expires);
    }

    /** Passes when {@code sudoToken} is a live sudo token of this caller's session; else says why not. */
    public void verify(String sudoToken, Caller caller, String bearerToken) throws Refused {
        if (sudoToken == null || sudoToken.isBlank()) throw new Refused("send a sudo token in " + HEADER_NAME + " (POST /v1/admin/sudo)");
        String[] parts = sudoToken.trim().split("\\.", -1);
        if (parts.length != 3 || sudoToken.length() > 4096) throw new Refused("the sudo token is malformed");
        byte[] given;
        JsonNode claims;
        try {
            given = B64D.decode(parts[2]);
            claims = Json.parse(new String(B64D.decode(parts[1]), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new Refused("the sudo token is malformed");
        }
        if (!parts[0].equals(HEADER) || !MessageDigest.isEqual(TokenService.hmac(key, parts[0] + "." + parts[1]), given)) {
            throw new Refused("the sudo token's signature is not valid");
        }
        if (!"sudo".equals(claims.path("kind").asText())) throw new Refused("not a sudo token");
        if (claims.path("exp").asLong(0) <= clock.instant().getEpochSecond()) throw new Refused("the sudo token has expired: ask for a new one");
        if (!caller.tenantId().equals(claims.path("tenant_id").asText()) || !caller.subject().equals(claims.path("sub").asText())) {
            throw new Refused("the sudo token was issued to another subject or tenant");
        }
        if (!MessageDigest.isEqual(sessionId(bearerToken).getBytes(StandardCharsets.UTF_8), claims.path("sid").asText().getBytes(StandardCharsets.UTF_8))) {
            throw new Refused("the sudo token was issued to another session (bearer token)");
        }
    }

    /** SHA-256 of the bearer token, hex: what binds a sudo token to one session. */
    static String sessionId(String bearerToken) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(String.valueOf(bearerToken).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
