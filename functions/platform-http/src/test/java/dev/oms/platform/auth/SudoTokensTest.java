package dev.oms.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.app.security.Caller;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SudoTokensTest {
    private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef-test".getBytes(StandardCharsets.UTF_8);
    private static final Caller ADA = new Caller("acme", "ada", "agent", Set.of("supervisor"), null, null);
    private final TokenService tokens = new TokenService(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));
    private final SudoTokens sudo = new SudoTokens(tokens, Clock.fixed(NOW, ZoneOffset.UTC));
    private final String bearer = tokens.mint(ADA, 3600, NOW.minusSeconds(60));

    private SudoTokens at(Instant t) { return new SudoTokens(tokens, Clock.fixed(t, ZoneOffset.UTC)); }

    @Test
    void aFreshSignInOfTheSamePersonStepsUpForFiveMinutesAndThisSessionOnly() throws Exception {
        SudoTokens.Issued issued = sudo.issue(ADA, bearer, ADA, NOW.minusSeconds(60));
        assertThat(issued.expiresAt()).isEqualTo(NOW.plusSeconds(300));
        sudo.verify(issued.token(), ADA, bearer);
        at(NOW.plusSeconds(299)).verify(issued.token(), ADA, bearer);
        assertThatThrownBy(() -> at(NOW.plusSeconds(300)).verify(issued.token(), ADA, bearer)).hasMessageContaining("expired");
        String otherSession = tokens.mint(ADA, 3600);
        assertThatThrownBy(() -> sudo.verify(issued.token(), ADA, otherSession)).hasMessageContaining("another session");
        Caller bob = new Caller("acme", "bob", "agent", Set.of("supervisor"), null, null);
        assertThatThrownBy(() -> sudo.verify(issued.token(), bob, bearer)).hasMessageContaining("another subject");
        Caller adaElsewhere = new Caller("other", "ada", "agent", Set.of("supervisor"), null, null);
        assertThatThrownBy(() -> sudo.verify(issued.token(), adaElsewhere, bearer)).hasMessageContaining("another subject or tenant");
    }

    @Test
    void aStaleForeignOrMissingSignInIsRefused() {
        assertThatThrownBy(() -> sudo.issue(ADA, bearer, ADA, NOW.minusSeconds(301))).hasMessageContaining("older than 5 minutes");
        assertThatThrownBy(() -> sudo.issue(ADA, bearer, ADA, null)).hasMessageContaining("auth_time");
        assertThatThrownBy(() -> sudo.issue(ADA, bearer, null, NOW)).hasMessageContaining("not valid");
        Caller bob = new Caller("acme", "bob", "agent", Set.of("supervisor"), null, null);
        assertThatThrownBy(() -> sudo.issue(ADA, bearer, bob, NOW)).hasMessageContaining("another subject");
    }

    @Test
    void neitherTokenPassesAsTheOther() throws Exception {
        String sudoToken = sudo.issue(ADA, bearer, ADA, NOW).token();
        assertThatThrownBy(() -> tokens.verify(sudoToken)).isInstanceOf(TokenService.InvalidToken.class);
        assertThatThrownBy(() -> sudo.verify(bearer, ADA, bearer)).isInstanceOf(SudoTokens.Refused.class);
        String tampered = sudoToken.substring(0, sudoToken.length() - 2) + (sudoToken.endsWith("AA") ? "BB" : "AA");
        assertThatThrownBy(() -> sudo.verify(tampered, ADA, bearer)).hasMessageContaining("signature");
        assertThatThrownBy(() -> sudo.verify(null, ADA, bearer)).hasMessageContaining("X-Admin-Auth-Sudo");
    }

    @Test
    void signInTokensCarryAuthTime() throws Exception {
        assertThat(BearerAuthentication.authTime(bearer)).isEqualTo(NOW.minusSeconds(60));
        assertThat(BearerAuthentication.authTime(tokens.mint(ADA, 60))).isNull();
        assertThat(tokens.verify(bearer).subject()).isEqualTo("ada");
    }
}
