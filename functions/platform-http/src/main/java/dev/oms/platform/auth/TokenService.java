package dev.oms.platform.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.security.Caller;
import dev.oms.app.security.RolePermissions;
import dev.oms.platform.config.Env;
import dev.oms.platform.crypto.HmacSha256;
import dev.oms.platform.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tokens the OMS issues: compact JWS (HS256) with the claims {@code sub}, {@code tenant_id}, {@code roles},
 * {@code kind}, optional {@code customer_id} and {@code act.sub} (impersonation), {@code iss}, {@code iat},
 * {@code exp}. The secret comes from {@code OMS_TOKEN_SECRET} (at least 32 bytes).
 */
public final class TokenService {
    public static final String ISSUER = "oms";
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9_.:@|-]{1,128}");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final String HEADER = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final byte[] secret;
    private final Clock clock;

    public TokenService(byte[] secret, Clock clock) {
        if (secret.length < 32) throw new IllegalArgumentException("OMS_TOKEN_SECRET must be at least 32 bytes");
        this.secret = secret.clone();
        this.clock = clock;
    }

    public static TokenService fromEnvironment() {
        return new TokenService(Env.required("OMS_TOKEN_SECRET").getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
    }

    /** Why a token was refused. */
    public static final class InvalidToken extends Exception {
        public InvalidToken(String message) { super(message); }
    }

    public String mint(Caller caller, long ttlSeconds) { return mint(caller, ttlSeconds, null); }

    /**
     * A token of a sign-in: {@code auth_time} says when the person authenticated (the local sign-in of
     * {@code POST /local/token} sets it to now), which a step-up ({@code POST /v1/admin/sudo}) needs to be recent.
     */
    public String mint(Caller caller, long ttlSeconds, java.time.Instant authTime) {
        long now = clock.instant().getEpochSecond();
        ObjectNode claims = Json.object();
        claims.put("iss", ISSUER);
        claims.put("sub", caller.subject());
        claims.put("tenant_id", caller.tenantId());
        claims.put("kind", caller.kind());
        ArrayNode roles = claims.putArray("roles");
        caller.roles().stream().sorted().forEach(roles::add);
        if (caller.customerId() != null) claims.put("customer_id", caller.customerId());
        if (caller.impersonatedBy() != null) claims.putObject("act").put("sub", caller.impersonatedBy());
        if (caller.orderScope() != null) claims.put("order_id", caller.orderScope());
        claims.put("iat", now);
        claims.put("exp", now + ttlSeconds);
        if (authTime != null) claims.put("auth_time", authTime.getEpochSecond());
        String payload = B64.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        String signingInput = HEADER + "." + payload;
        return signingInput + "." + B64.encodeToString(sign(signingInput));
    }

    public Caller verify(String token) throws InvalidToken {
        if (token == null || token.length() > 8192) throw new InvalidToken("missing or oversized token");
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) throw new InvalidToken("malformed token");
        byte[] expected = sign(parts[0] + "." + parts[1]);
        byte[] given;
        try {
            given = B64D.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new InvalidToken("malformed signature");
        }
        if (!MessageDigest.isEqual(expected, given)) throw new InvalidToken("bad signature");
        JsonNode header;
        JsonNode claims;
        try {
            header = Json.parse(new String(B64D.decode(parts[0]), StandardCharsets.UTF_8));
            claims = Json.parse(new String(B64D.decode(parts[1]), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new InvalidToken("malformed token");
        }
        if (!"HS256".equals(header.path("alg").asText())) throw new InvalidToken("unsupported algorithm");
        if (!ISSUER.equals(claims.path("iss").asText())) throw new InvalidToken("unknown issuer");
        long now = clock.instant().getEpochSecond();
        if (!claims.path("exp").canConvertToLong() || claims.path("exp").asLong() <= now) throw new InvalidToken("token expired");
        String tenant = claims.path("tenant_id").asText("");
        String sub = claims.path("sub").asText("");
        if (!TENANT.matcher(tenant).matches()) throw new InvalidToken("bad tenant_id claim");
        if (!SUBJECT.matcher(sub).matches()) throw new InvalidToken("bad sub claim");
        Set<String> roles = new LinkedHashSet<>();
        for (JsonNode r : claims.path("roles")) {
            if (!RolePermissions.isRole(r.asText())) throw new InvalidToken("unknown role " + r.asText());
            roles.add(r.asText());
        }
        boolean readOnly = roles.remove(RolePermissions.READ_ONLY); // a read-only impersonation: the customer role, and read_only
        String customerId = claims.hasNonNull("customer_id") ? claims.get("customer_id").asText() : null;
        // the kind follows from the roles; a claim may only repeat it, never widen it (a customer is always scoped)
        String kind = defaultKind(roles);
        if (claims.hasNonNull("kind") && !claims.get("kind").asText().equals(kind)) throw new InvalidToken("kind does not match the roles");
        if (roles.contains("customer") && roles.size() > 1) throw new InvalidToken("customer tokens carry only the customer role");
        if (readOnly && roles.isEmpty()) throw new InvalidToken("read_only comes with another role");
        // a guest token (the guest order lookup) reads one order: the guest role alone, and the order it is for
        String orderScope = claims.hasNonNull("order_id") ? claims.get("order_id").asText() : null;
        boolean guest = roles.contains(Caller.GUEST_ROLE);
        if (guest && (roles.size() > 1 || orderScope == null || orderScope.isBlank())) throw new InvalidToken("guest tokens carry only the guest role and an order_id");
        if (!guest && orderScope != null) throw new InvalidToken("only guest tokens are scoped to an order");
        if ("customer".equals(kind) && !guest && (customerId == null || customerId.isBlank())) throw new InvalidToken("customer tokens need customer_id");
        String act = claims.path("act").hasNonNull("sub") ? claims.path("act").path("sub").asText() : null;
        if (readOnly) roles.add(RolePermissions.READ_ONLY);
        return new Caller(tenant, sub, kind, roles, customerId, act, orderScope);
    }

    /** customer when the only role is customer, service for services, warehouse for warehouse roles, else agent. */
    public static String defaultKind(Set<String> roles) {
        if (roles.size() == 1 && (roles.contains("customer") || roles.contains(Caller.GUEST_ROLE))) return "customer";
        if (roles.contains("service")) return "service";
        if (!roles.isEmpty() && roles.stream().allMatch(r -> Set.of("picker", "packer", "warehouse_supervisor", "qc_agent").contains(r))) return "warehouse";
        return "agent";
    }

    private byte[] sign(String input) { return hmac(secret, input); }

    /** A key derived from the token secret for another kind of token (so that neither verifies as the other). */
    byte[] derivedKey(String purpose) { return hmac(secret, "oms-derived-key:" + purpose); }

    static byte[] hmac(byte[] key, String input) { return HmacSha256.of(key, input); }
}
