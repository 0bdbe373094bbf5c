package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Storefront customers signed in with the shop's identity provider (an OIDC issuer with its JWKS, here a local one
 * whose keys rotate), configured through {@code OMS_OIDC_ISSUERS}: they see their own orders and nothing else.
 */
class OidcTokensIT {
    static HttpServer jwks;
    static final AtomicReference<JWKSet> PUBLISHED = new AtomicReference<>();
    static RSAKey key1;
    static RSAKey key2;
    static String issuer;
    static String tenant;
    static String ownOrder;
    static String otherOrder;

    @BeforeAll
    static void setUp() throws Exception {
        runtime();
        key1 = new RSAKeyGenerator(2048).keyID("k1").generate();
        key2 = new RSAKeyGenerator(2048).keyID("k2").generate();
        PUBLISHED.set(new JWKSet(List.<JWK>of(key1.toPublicJWK())));
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/us-east-1_LocalPool/.well-known/jwks.json", x -> {
            byte[] body = PUBLISHED.get().toString(true).getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        jwks.start();
        issuer = "http://127.0.0.1:" + jwks.getAddress().getPort() + "/us-east-1_LocalPool";
        tenant = newTenant();
        System.setProperty("OMS_OIDC_ISSUERS", "[{\"issuer\":\"" + issuer + "\",\"tenant_id\":\"" + tenant + "\","
                + "\"audiences\":[\"storefront-app\"],\"customer_claim\":\"custom:customer_id\"}]");
        Client agent = as(tenant, "agent-oidc", "agent");
        ownOrder = create(agent, order("cust-oidc-1"));
        otherOrder = create(agent, order("cust-oidc-2"));
    }

    @AfterAll
    static void tearDown() {
        System.setProperty("OMS_OIDC_ISSUERS", "[]");
        jwks.stop(0);
    }

    static Client signedIn(RSAKey key, String customerId, String audience) throws Exception {
        long now = System.currentTimeMillis();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject("idp-user-" + customerId).claim("client_id", audience)
                .claim("token_use", "access").claim("custom:customer_id", customerId)
                .issueTime(new Date(now)).expirationTime(new Date(now + 600_000)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return withAuthorization("Bearer " + jwt.serialize());
    }

    @Test
    void aSignedInCustomerUsesTheCustomerApiOnItsOwnOrdersOnly() throws Exception {
        Client customer = signedIn(key1, "cust-oidc-1", "storefront-app");
        assertThat(customer.get("/v1/customer/orders").json().path("data").findValuesAsText("id")).containsExactly(ownOrder);
        assertThat(customer.get("/v1/customer/orders/" + ownOrder).json().path("available_actions").size()).isPositive();
        assertThat(customer.get("/v1/customer/orders/" + otherOrder).code()).isEqualTo("order.not_found");
        assertThat(signedIn(key1, "cust-oidc-1", "another-app").get("/v1/customer/orders").status()).isEqualTo(401);
    }

    @Test
    void aSignedInCustomerSeesItsOwnOrdersOnly() throws Exception {
        Client customer = signedIn(key1, "cust-oidc-1", "storefront-app");
        Resp own = customer.get("/v1/orders/" + ownOrder);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().path("customer_id").asText()).isEqualTo("cust-oidc-1");
        Resp other = customer.get("/v1/orders/" + otherOrder);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.code()).isEqualTo("order.not_found");
        assertThat(customer.get("/v1/orders").json().path("data")).extracting(n -> n.path("id").asText()).containsExactly(ownOrder);
        assertThat(customer.post("/v1/orders", order("cust-oidc-1")).status()).as("customers do not create canonical orders").isEqualTo(403);
    }

    @Test
    void tokensForAnotherAppOrFromAnUnknownKeyAre401() throws Exception {
        Resp wrongApp = signedIn(key1, "cust-oidc-1", "another-app").get("/v1/orders/" + ownOrder);
        assertThat(wrongApp.status()).isEqualTo(401);
        assertThat(wrongApp.header("content-type")).isEqualTo("application/problem+json");
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("k9").generate();
        assertThat(signedIn(stranger, "cust-oidc-1", "storefront-app").get("/v1/orders/" + ownOrder).status()).isEqualTo(401);
    }

    @Test
    void theProviderRotatesItsKeysWithoutARestart() throws Exception {
        PUBLISHED.set(new JWKSet(List.<JWK>of(key1.toPublicJWK(), key2.toPublicJWK())));
        Thread.sleep(1_200);
        assertThat(signedIn(key2, "cust-oidc-1", "storefront-app").get("/v1/orders/" + ownOrder).status()).isEqualTo(200);
        PUBLISHED.set(new JWKSet(List.<JWK>of(key1.toPublicJWK())));
    }
}
