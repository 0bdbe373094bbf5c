package dev.oms.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.app.security.Caller;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BearerAuthenticationTest {
    static final TokenService TOKENS = new TokenService("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8),
            Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));
    static final BearerAuthentication AUTH = new BearerAuthentication(TOKENS);

    @Test
    void aValidTokenIsTheCaller() {
        Caller agent = new Caller("t1", "agent-7", "agent", Set.of("agent"), null, null);
        BearerAuthentication.Outcome who = AUTH.verify(TOKENS.mint(agent, 60));
        assertThat(who.error()).isNull();
        assertThat(who.caller().tenantId()).isEqualTo("t1");
        assertThat(who.caller().roles()).containsExactly("agent");
    }

    @Test
    void badTokensAndHeadersAreReasonsNotCallers() {
        assertThat(BearerAuthentication.authenticate(null).error()).isEqualTo("Missing bearer token");
        assertThat(BearerAuthentication.authenticate("Basic abc").error()).contains("Bearer <token>");
        BearerAuthentication.Outcome forged = AUTH.verify("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");
        assertThat(forged.caller()).isNull();
        assertThat(forged.error()).startsWith("Invalid token");
        Caller agent = new Caller("t1", "agent-7", "agent", Set.of("agent"), null, null);
        TokenService later = new TokenService("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8),
                Clock.fixed(Instant.parse("2026-12-01T11:00:00Z"), ZoneOffset.UTC));
        assertThat(new BearerAuthentication(later).verify(TOKENS.mint(agent, 60)).error()).startsWith("Invalid token");
    }
}
