package dev.oms.platform.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.oms.app.security.Caller;
import dev.oms.app.security.RolePermissions;
import dev.oms.platform.json.Json;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Access tokens from the identity providers the tenants trust (OpenID Connect; Amazon Cognito user pools are the
 * documented default): RS256 or ES256 signatures checked against the issuer's JWKS (fetched on first use, cached for
 * 5 minutes, fetched again when a token names a key it does not know, so keys rotate without a restart), {@code iss}
 * exactly, {@code aud} (or Cognito's {@code client_id}) one of the configured audiences, {@code exp} and {@code nbf}
 * with 60 s of clock skew. Each issuer belongs to one tenant and says which claim names the customer.
 * <p>Configured by {@code OMS_OIDC_ISSUERS}, a JSON array (docs/conventions.md, "Identity providers"):
 * <pre>[{"issuer": "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC", "tenant_id": "acme",
 *   "audiences": ["6p0...client-id"], "customer_claim": "sub", "jwks_uri": "(default: issuer + /.well-known/jwks.json)",
 *   "kind": "customer"}]</pre>
 * {@code kind} is {@code customer} (storefront sign-ins: role {@code customer}, the customer id from
 * {@code customer_claim}) or {@code agent} (staff sign-ins: roles from {@code roles_claim}, default
 * {@code cognito:groups}, kept when they are OMS roles).
 */
public final class OidcAuthentication {
    static final long CLOCK_SKEW_SECONDS = 60;
    static final long JWKS_CACHE_MILLIS = 5 * 60_000;
    static final long JWKS_REFRESH_MIN_INTERVAL_MILLIS = 1_000;

    /** One trusted issuer. */
    public record Issuer(String issuer, String tenantId, Set<String> audiences, String customerClaim, String kind,
                         String rolesClaim, String jwksUri) {
        public Issuer {
            if (issuer == null || issuer.isBlank()) throw new IllegalArgumentException("an OIDC issuer needs an issuer");
            if (tenantId == null || tenantId.isBlank()) throw new IllegalArgumentException("OIDC issuer " + issuer + " needs a tenant_id");
            if (audiences == null || audiences.isEmpty()) throw new IllegalArgumentException("OIDC issuer " + issuer + " needs audiences");
            if (!"customer".equals(kind) && !"agent".equals(kind)) throw new IllegalArgumentException("OIDC issuer " + issuer + ": kind is customer or agent");
            audiences = Set.copyOf(audiences);
            if (customerClaim == null || customerClaim.isBlank()) customerClaim = "sub";
            if (rolesClaim == null || rolesClaim.isBlank()) rolesClaim = "cognito:groups";
            if (jwksUri == null || jwksUri.isBlank()) jwksUri = issuer.replaceAll("/+$", "") + "/.well-known/jwks.json";
        }
    }

    private final Map<String, Verifier> byIssuer = new LinkedHashMap<>();

    public OidcAuthentication(List<Issuer> issuers) {
        for (Issuer i : issuers) byIssuer.put(i.issuer(), new Verifier(i));
    }

    /** Parses {@code OMS_OIDC_ISSUERS}; an empty or absent value trusts no issuer. */
    public static OidcAuthentication parse(String json) {
        List<Issuer> out = new ArrayList<>();
        if (json != null && !json.isBlank()) {
            JsonNode list;
            try {
                list = Json.parse(json);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("OMS_OIDC_ISSUERS is not JSON: " + e.getOriginalMessage());
            }
            if (!list.isArray()) throw new IllegalArgumentException("OMS_OIDC_ISSUERS must be a JSON array");
            for (JsonNode n : list) {
                Set<String> audiences = new LinkedHashSet<>();
                JsonNode a = n.path("audiences");
                if (a.isArray()) a.forEach(x -> audiences.add(x.asText()));
                else if (a.isTextual()) audiences.add(a.asText());
                out.add(new Issuer(text(n, "issuer"), text(n, "tenant_id"), audiences, text(n, "customer_claim"),
                        n.hasNonNull("kind") ? n.get("kind").asText() : "customer", text(n, "roles_claim"), text(n, "jwks_uri")));
            }
        }
        return new OidcAuthentication(out);
    }

    private static String text(JsonNode n, String field) { return n.hasNonNull(field) ? n.get(field).asText() : null; }

    public boolean trusts(String issuer) { return issuer != null && byIssuer.containsKey(issuer); }

    /** Verifies a token from a trusted issuer ({@link #trusts}) and maps it to a caller. */
    public Caller verify(String issuer, String token) throws TokenService.InvalidToken {
        Verifier v = byIssuer.get(issuer);
        if (v == null) throw new TokenService.InvalidToken("unknown issuer");
        return v.verify(token);
    }

    private static final class Verifier {
        private final Issuer issuer;
        private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

        Verifier(Issuer issuer) {
            this.issuer = issuer;
            JWKSource<SecurityContext> keys;
            try {
                keys = JWKSourceBuilder.<SecurityContext>create(URI.create(issuer.jwksUri()).toURL())
                        .cache(JWKS_CACHE_MILLIS, 15_000)
                        .rateLimited(JWKS_REFRESH_MIN_INTERVAL_MILLIS)
                        .build();
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new IllegalArgumentException("OIDC issuer " + issuer.issuer() + ": bad jwks_uri " + issuer.jwksUri(), e);
            }
            processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys));
            DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                    new JWTClaimsSet.Builder().issuer(issuer.issuer()).build(), Set.of("sub", "exp"));
            claims.setMaxClockSkew((int) CLOCK_SKEW_SECONDS);
            processor.setJWTClaimsSetVerifier(claims);
        }

        Caller verify(String token) throws TokenService.InvalidToken {
            JWTClaimsSet claims;
            try {
                claims = processor.process(token, null);
            } catch (Exception e) {
                throw new TokenService.InvalidToken(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            List<String> aud = claims.getAudience();
            Object clientId = claims.getClaim("client_id");
            boolean audienceOk = aud.stream().anyMatch(issuer.audiences()::contains)
                    || (clientId instanceof String c && issuer.audiences().contains(c));
            if (!audienceOk) throw new TokenService.InvalidToken("the token is not for this API (aud / client_id)");
            String subject = claims.getSubject();
            if ("customer".equals(issuer.kind())) {
                Object customer = claims.getClaim(issuer.customerClaim());
                if (!(customer instanceof String c) || c.isBlank()) {
                    throw new TokenService.InvalidToken("the token has no " + issuer.customerClaim() + " claim naming the customer");
                }
                return new Caller(issuer.tenantId(), subject, "customer", Set.of("customer"), (String) customer, null);
            }
            Set<String> roles = new LinkedHashSet<>();
            Object claimed = claims.getClaim(issuer.rolesClaim());
            if (claimed instanceof List<?> l) l.forEach(r -> { if (RolePermissions.ROLES.contains(String.valueOf(r))) roles.add(String.valueOf(r)); });
            else if (claimed instanceof String s) for (String r : s.split("[ ,]+")) if (RolePermissions.ROLES.contains(r)) roles.add(r);
            roles.remove("customer");
            if (roles.isEmpty()) throw new TokenService.InvalidToken("the token grants no OMS role (" + issuer.rolesClaim() + ")");
            return new Caller(issuer.tenantId(), subject, "agent", roles, null, null);
        }
    }
}
