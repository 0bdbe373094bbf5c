package dev.oms.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.oms.app.security.Caller;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OIDC access tokens against a local JWKS endpoint whose keys rotate. */
class OidcAuthenticationTest {
    static HttpServer jwks;
    static final AtomicReference<JWKSet> PUBLISHED = new AtomicReference<>();
    static final AtomicInteger FETCHES = new AtomicInteger();
    static String issuer;
    static RSAKey rsa1;
    static RSAKey rsa2;
    static ECKey ec;

    @BeforeAll
    static void start() throws Exception {
        rsa1 = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        rsa2 = new RSAKeyGenerator(2048).keyID("rsa-2").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        PUBLISHED.set(new JWKSet(List.<JWK>of(rsa1.toPublicJWK(), ec.toPublicJWK())));
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/pool/.well-known/jwks.json", x -> {
            FETCHES.incrementAndGet();
            byte[] body = PUBLISHED.get().toString(true).getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("content-type", "application/json");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        jwks.start();
        issuer = "http://127.0.0.1:" + jwks.getAddress().getPort() + "/pool";
    }

    @AfterAll
    static void stop() { jwks.stop(0); }

    static OidcAuthentication customers() {
        return OidcAuthentication.parse("[{\"issuer\":\"" + issuer + "\",\"tenant_id\":\"acme\",\"audiences\":[\"storefront\"],"
                + "\"customer_claim\":\"custom:customer_id\"}]");
    }

    static String token(JWK key, Map<String, Object> extra, long expiresInSeconds) throws Exception {
        long now = System.currentTimeMillis();
        JWTClaimsSet.Builder c = new JWTClaimsSet.Builder().issuer(issuer).subject("user-1").audience("storefront")
                .issueTime(new Date(now)).expirationTime(new Date(now + expiresInSeconds * 1000)).claim("custom:customer_id", "cust-42");
        extra.forEach(c::claim);
        JWTClaimsSet claims = c.build();
        SignedJWT jwt;
        if (key instanceof RSAKey r) {
            jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(r.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(r));
        } else {
            ECKey e = (ECKey) key;
            jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(e.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new ECDSASigner(e));
        }
        return jwt.serialize();
    }

    static BearerAuthentication.Outcome verify(OidcAuthentication oidc, String token) {
        try {
            return new BearerAuthentication.Outcome(oidc.verify(BearerAuthentication.unverifiedIssuer(token), token), null);
        } catch (TokenService.InvalidToken e) {
            return new BearerAuthentication.Outcome(null, e.getMessage());
        }
    }

    @Test
    void aCustomersRs256OrEs256TokenNamesItsTenantAndCustomer() throws Exception {
        OidcAuthentication oidc = customers();
        for (JWK key : List.of(rsa1, ec)) {
            Caller c = verify(oidc, token(key, Map.of(), 300)).caller();
            assertThat(c).isNotNull();
            assertThat(c.tenantId()).isEqualTo("acme");
            assertThat(c.customerId()).isEqualTo("cust-42");
            assertThat(c.isCustomer()).isTrue();
            assertThat(c.roles()).containsExactly("customer");
        }
    }

    @Test
    void cognitoAccessTokensNameTheirClientInsteadOfAnAudience() throws Exception {
        long now = System.currentTimeMillis();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject("user-2").claim("client_id", "storefront")
                .claim("token_use", "access").claim("custom:customer_id", "cust-7").expirationTime(new Date(now + 60_000)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(), claims);
        jwt.sign(new RSASSASigner(rsa1));
        assertThat(verify(customers(), jwt.serialize()).caller().customerId()).isEqualTo("cust-7");
    }

    @Test
    void badTokensAreRefusedWithAReason() throws Exception {
        OidcAuthentication oidc = customers();
        assertThat(verify(oidc, token(rsa1, Map.of(), -120)).error()).containsIgnoringCase("expired");
        assertThat(verify(oidc, token(rsa1, Map.of("aud", "someone-else"), 300)).error()).contains("not for this API");
        assertThat(verify(oidc, token(rsa1, Map.of("nbf", new Date(System.currentTimeMillis() + 600_000)), 900)).error()).isNotNull();
        assertThat(verify(oidc, token(rsa1, Map.of("custom:customer_id", ""), 300)).error()).contains("custom:customer_id");
        String good = token(rsa1, Map.of(), 300);
        String tampered = good.substring(0, good.lastIndexOf('.') + 1) + "AAAA" + good.substring(good.lastIndexOf('.') + 5);
        assertThat(verify(oidc, tampered).error()).isNotNull();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        assertThat(verify(oidc, token(stranger, Map.of(), 300)).error()).as("same kid, other key").isNotNull();
    }

    @Test
    void keysRotateWithoutARestart() throws Exception {
        OidcAuthentication oidc = customers();
        assertThat(verify(oidc, token(rsa1, Map.of(), 300)).caller()).isNotNull();
        PUBLISHED.set(new JWKSet(List.<JWK>of(rsa2.toPublicJWK())));
        Thread.sleep(OidcAuthentication.JWKS_REFRESH_MIN_INTERVAL_MILLIS + 100);
        int before = FETCHES.get();
        assertThat(verify(oidc, token(rsa2, Map.of(), 300)).caller()).as("a new kid fetches the keys again").isNotNull();
        assertThat(FETCHES.get()).isGreaterThan(before);
        Thread.sleep(OidcAuthentication.JWKS_REFRESH_MIN_INTERVAL_MILLIS + 100);
        assertThat(verify(oidc, token(rsa1, Map.of(), 300)).error()).as("the retired key").isNotNull();
        PUBLISHED.set(new JWKSet(List.<JWK>of(rsa1.toPublicJWK(), ec.toPublicJWK())));
    }

    @Test
    void staffTokensCarryOnlyOmsRoles() throws Exception {
        OidcAuthentication staff = OidcAuthentication.parse("[{\"issuer\":\"" + issuer + "\",\"tenant_id\":\"acme\","
                + "\"audiences\":\"storefront\",\"kind\":\"agent\"}]");
        Caller c = verify(staff, token(rsa1, Map.of("cognito:groups", List.of("agent", "customer", "root")), 300)).caller();
        assertThat(c.roles()).containsExactly("agent");
        assertThat(c.kind()).isEqualTo("agent");
        assertThat(verify(staff, token(rsa1, Map.of("cognito:groups", List.of("root")), 300)).error()).contains("no OMS role");
    }

    @Test
    void theOmsOwnTokensStillWorkBesideTheProviders() throws Exception {
        TokenService tokens = new TokenService("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
        BearerAuthentication auth = new BearerAuthentication(tokens);
        String oms = tokens.mint(new Caller("acme", "agent-1", "agent", java.util.Set.of("agent"), null, null), 60);
        assertThat(auth.verify(oms).caller().subject()).isEqualTo("agent-1");
        assertThat(auth.verify(token(rsa1, Map.of(), 300)).error()).as("issuer not configured").contains("not trusted");
        assertThat(auth.verify("not.a.token").error()).isNotNull();
    }

    @Test
    void aConfigurationWithoutTenantOrAudiencesIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OidcAuthentication.parse("[{\"issuer\":\"https://x\"}]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenant_id");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OidcAuthentication.parse("{}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(OidcAuthentication.parse("").trusts("https://x")).isFalse();
    }
}
