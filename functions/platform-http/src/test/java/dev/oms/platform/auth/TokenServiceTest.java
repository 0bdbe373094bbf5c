package dev.oms.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.app.security.Caller;
import dev.oms.platform.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenServiceTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef-test".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2025-08-29T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final TokenService tokens = new TokenService(SECRET, CLOCK);

    private static final Caller AGENT = new Caller("acme", "user-1", "agent", Set.of("agent", "finance"), null, null);

    // ---- helpers to craft tokens ------------------------------------------------------------------------------

    private static String b64(String s) { return B64.encodeToString(s.getBytes(StandardCharsets.UTF_8)); }

    private static String hmac(byte[] secret, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token with the given header and claims JSON, signed with the right secret. */
    private static String craft(String headerJson, String claimsJson) {
        String input = b64(headerJson) + "." + b64(claimsJson);
        return input + "." + hmac(SECRET, input);
    }

    private static String validClaims(String extra) {
        long exp = NOW.getEpochSecond() + 3600;
        return "{\"iss\":\"oms\",\"sub\":\"user-1\",\"tenant_id\":\"acme\",\"roles\":[\"agent\"],\"iat\":" + NOW.getEpochSecond()
                + ",\"exp\":" + exp + extra + "}";
    }

    private static final String HS256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    private void assertRefused(String token, String message) {
        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(TokenService.InvalidToken.class).hasMessage(message);
    }

    // ---- round trips ------------------------------------------------------------------------------------------------

    @Test
    void mintAndVerifyAgent() throws Exception {
        String token = tokens.mint(AGENT, 3600);
        Caller c = tokens.verify(token);
        assertThat(c).isEqualTo(AGENT);
        assertThat(c.tenantId()).isEqualTo("acme");
        assertThat(c.subject()).isEqualTo("user-1");
        assertThat(c.roles()).containsExactlyInAnyOrder("agent", "finance");
        assertThat(c.kind()).isEqualTo("agent");
        assertThat(c.customerId()).isNull();
        assertThat(c.impersonatedBy()).isNull();
    }

    @Test
    void mintAndVerifyImpersonatedCustomer() throws Exception {
        Caller customer = new Caller("shop-1", "cust|42", "customer", Set.of("customer"), "cus_42", "agent-7");
        Caller c = tokens.verify(tokens.mint(customer, 60));
        assertThat(c.kind()).isEqualTo("customer");
        assertThat(c.customerId()).isEqualTo("cus_42");
        assertThat(c.impersonatedBy()).isEqualTo("agent-7");
        assertThat(c.tenantId()).isEqualTo("shop-1");
        assertThat(c.subject()).isEqualTo("cust|42");
        assertThat(c.roles()).containsExactly("customer");
        assertThat(c.isCustomer()).isTrue();
    }

    @Test
    void mintedTokenIsCompactHs256Jws() throws Exception {
        String token = tokens.mint(AGENT, 900);
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode header = Json.parse(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
        JsonNode claims = Json.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        assertThat(header.get("alg").asText()).isEqualTo("HS256");
        assertThat(header.get("typ").asText()).isEqualTo("JWT");
        assertThat(claims.get("iss").asText()).isEqualTo("oms");
        assertThat(claims.get("sub").asText()).isEqualTo("user-1");
        assertThat(claims.get("tenant_id").asText()).isEqualTo("acme");
        assertThat(claims.get("kind").asText()).isEqualTo("agent");
        assertThat(claims.get("roles").get(0).asText()).isEqualTo("agent");
        assertThat(claims.get("roles").get(1).asText()).isEqualTo("finance");
        assertThat(claims.get("iat").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(claims.get("exp").asLong()).isEqualTo(NOW.getEpochSecond() + 900);
        assertThat(claims.has("customer_id")).isFalse();
        assertThat(claims.has("act")).isFalse();
        assertThat(parts[2]).isEqualTo(hmac(SECRET, parts[0] + "." + parts[1]));
    }

    @Test
    void craftedValidTokenIsAccepted() throws Exception {
        Caller c = tokens.verify(craft(HS256, validClaims(",\"kind\":\"agent\"")));
        assertThat(c.kind()).isEqualTo("agent");
        assertThat(c.roles()).containsExactly("agent");
    }

    @Test
    void aKindClaimThatContradictsTheRolesIsRefused() {
        assertThatThrownBy(() -> tokens.verify(craft(HS256, validClaims(",\"kind\":\"service\""))))
                .isInstanceOf(TokenService.InvalidToken.class).hasMessageContaining("kind");
    }

    @Test
    void missingKindClaimFallsBackToDefaultKind() throws Exception {
        long exp = NOW.getEpochSecond() + 60;
        Caller c = tokens.verify(craft(HS256, "{\"iss\":\"oms\",\"sub\":\"p1\",\"tenant_id\":\"acme\",\"roles\":[\"picker\",\"packer\"],\"exp\":" + exp + "}"));
        assertThat(c.kind()).isEqualTo("warehouse");
    }

    // ---- refusals ------------------------------------------------------------------------------------------------

    @Test
    void badSignatureIsRefused() {
        String token = tokens.mint(AGENT, 3600);
        int dot = token.lastIndexOf('.');
        char first = token.charAt(dot + 1);
        String tampered = token.substring(0, dot + 1) + (first == 'A' ? 'B' : 'A') + token.substring(dot + 2);
        assertRefused(tampered, "bad signature");
    }

    @Test
    void tamperedClaimsAreRefused() {
        String token = tokens.mint(AGENT, 3600);
        String[] parts = token.split("\\.");
        String forged = b64(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"agent\"", "\"admin\""));
        assertRefused(parts[0] + "." + forged + "." + parts[2], "bad signature");
    }

    @Test
    void tokenOfAnotherSecretIsRefused() {
        TokenService other = new TokenService("another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8), CLOCK);
        assertRefused(other.mint(AGENT, 3600), "bad signature");
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        String token = tokens.mint(AGENT, 600);
        TokenService justBefore = new TokenService(SECRET, Clock.fixed(NOW.plusSeconds(599), ZoneOffset.UTC));
        assertThat(justBefore.verify(token)).isEqualTo(AGENT);
        TokenService atExpiry = new TokenService(SECRET, Clock.fixed(NOW.plusSeconds(600), ZoneOffset.UTC));
        assertThatThrownBy(() -> atExpiry.verify(token)).isInstanceOf(TokenService.InvalidToken.class).hasMessage("token expired");
        TokenService later = new TokenService(SECRET, Clock.offset(CLOCK, Duration.ofDays(1)));
        assertThatThrownBy(() -> later.verify(token)).isInstanceOf(TokenService.InvalidToken.class).hasMessage("token expired");
    }

    @Test
    void tokenWithoutExpiryIsRefused() {
        assertRefused(craft(HS256, "{\"iss\":\"oms\",\"sub\":\"u\",\"tenant_id\":\"acme\",\"roles\":[\"agent\"]}"), "token expired");
        assertRefused(craft(HS256, "{\"iss\":\"oms\",\"sub\":\"u\",\"tenant_id\":\"acme\",\"roles\":[\"agent\"],\"exp\":\"9999999999\"}"),
                "token expired");
    }

    @Test
    void algNoneIsRefusedEvenWhenSigned() {
        assertRefused(craft("{\"alg\":\"none\",\"typ\":\"JWT\"}", validClaims("")), "unsupported algorithm");
    }

    @Test
    void algNoneWithoutSignatureIsRefused() {
        String unsigned = b64("{\"alg\":\"none\"}") + "." + b64(validClaims("")) + ".";
        assertRefused(unsigned, "bad signature");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"alg\":\"HS512\"}", "{\"alg\":\"RS256\"}", "{\"typ\":\"JWT\"}", "{\"alg\":\"hs256\"}"})
    void otherAlgorithmsAreRefused(String header) {
        assertRefused(craft(header, validClaims("")), "unsupported algorithm");
    }

    @Test
    void wrongIssuerIsRefused() {
        long exp = NOW.getEpochSecond() + 60;
        assertRefused(craft(HS256, "{\"iss\":\"evil\",\"sub\":\"u\",\"tenant_id\":\"acme\",\"roles\":[],\"exp\":" + exp + "}"), "unknown issuer");
        assertRefused(craft(HS256, "{\"sub\":\"u\",\"tenant_id\":\"acme\",\"roles\":[],\"exp\":" + exp + "}"), "unknown issuer");
    }

    @Test
    void unknownRoleIsRefused() {
        Caller c = new Caller("acme", "user-1", "agent", Set.of("agent", "root"), null, null);
        assertRefused(tokens.mint(c, 60), "unknown role root");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ac#me", "Acme", "ACME", "", "-acme", "acme corp", "t#other#ORDER"})
    void badTenantIdIsRefused(String tenant) {
        Caller c = new Caller(tenant, "user-1", "agent", Set.of("agent"), null, null);
        assertRefused(tokens.mint(c, 60), "bad tenant_id claim");
    }

    @Test
    void tenantIdLengthLimit() throws Exception {
        String ok = "a".repeat(63);
        assertThat(tokens.verify(tokens.mint(new Caller(ok, "u", "agent", Set.of("agent"), null, null), 60)).tenantId()).isEqualTo(ok);
        assertRefused(tokens.mint(new Caller("a".repeat(64), "u", "agent", Set.of("agent"), null, null), 60), "bad tenant_id claim");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "user 1", "user#1", "user/1"})
    void badSubjectIsRefused(String subject) {
        assertRefused(tokens.mint(new Caller("acme", subject, "agent", Set.of("agent"), null, null), 60), "bad sub claim");
    }

    @Test
    void customerKindWithoutCustomerIdIsRefused() {
        assertRefused(tokens.mint(new Caller("acme", "u", "customer", Set.of("customer"), null, null), 60),
                "customer tokens need customer_id");
    }

    @Test
    void defaultCustomerKindWithoutCustomerIdIsRefused() {
        long exp = NOW.getEpochSecond() + 60;
        assertRefused(craft(HS256, "{\"iss\":\"oms\",\"sub\":\"u\",\"tenant_id\":\"acme\",\"roles\":[\"customer\"],\"exp\":" + exp + "}"),
                "customer tokens need customer_id");
    }

    @Test
    void malformedTokensAreRefused() {
        assertRefused("abc.def", "malformed token");
        assertRefused("a.b.c.d", "malformed token");
        assertRefused("nodots", "malformed token");
        assertRefused("", "malformed token");
        String token = tokens.mint(AGENT, 60);
        assertRefused(token + ".", "malformed token");
    }

    @Test
    void badBase64SignatureIsRefused() {
        String token = tokens.mint(AGENT, 60);
        assertRefused(token.substring(0, token.lastIndexOf('.') + 1) + "!!!***", "malformed signature");
    }

    @Test
    void correctlySignedGarbageIsMalformed() {
        String badHeader = "!!!." + b64(validClaims(""));
        assertRefused(badHeader + "." + hmac(SECRET, badHeader), "malformed token");
        String notJson = b64(HS256) + "." + b64("not json");
        assertRefused(notJson + "." + hmac(SECRET, notJson), "malformed token");
    }

    @Test
    void nullAndOversizedTokensAreRefused() {
        assertRefused(null, "missing or oversized token");
        assertRefused("a".repeat(8193), "missing or oversized token");
    }

    @Test
    void secretsShorterThan32BytesAreRejected() {
        assertThatThrownBy(() -> new TokenService(new byte[31], CLOCK)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32");
        assertThatCode(() -> new TokenService(new byte[32], CLOCK)).doesNotThrowAnyException();
    }

    @Test
    void secretIsCopied() throws Exception {
        byte[] secret = SECRET.clone();
        TokenService s = new TokenService(secret, CLOCK);
        String token = s.mint(AGENT, 60);
        secret[0] ^= 1;
        assertThat(s.verify(token)).isEqualTo(AGENT);
    }

    @Test
    void defaultKind() {
        assertThat(TokenService.defaultKind(Set.of("customer"))).isEqualTo("customer");
        assertThat(TokenService.defaultKind(Set.of("customer", "agent"))).isEqualTo("agent");
        assertThat(TokenService.defaultKind(Set.of("service"))).isEqualTo("service");
        assertThat(TokenService.defaultKind(Set.of("service", "admin"))).isEqualTo("service");
        assertThat(TokenService.defaultKind(Set.of("picker"))).isEqualTo("warehouse");
        assertThat(TokenService.defaultKind(Set.of("picker", "packer", "qc_agent", "warehouse_supervisor"))).isEqualTo("warehouse");
        assertThat(TokenService.defaultKind(Set.of("picker", "agent"))).isEqualTo("agent");
        assertThat(TokenService.defaultKind(Set.of("admin"))).isEqualTo("agent");
        assertThat(TokenService.defaultKind(Set.of())).isEqualTo("agent");
    }
}
