package dev.oms.app.connector.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.domain.DomainException.FieldError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdapterSpecTest {
    static List<String> codes(List<FieldError> errors) { return errors.stream().map(e -> e.field() + ":" + e.code()).toList(); }

    @Test
    void stripeNeedsAnApiKeyReferenceAndKnownSettings() {
        assertThat(AdapterSpec.STRIPE.check(Map.of(), Map.of("api_key", "ssm:/oms/acme/stripe/api-key"))).isEmpty();
        assertThat(AdapterSpec.STRIPE.check(Map.of("api_base", "https://api.stripe.com", "multicapture", "true", "timeout_ms", "8000",
                "max_network_retries", "0"), Map.of("api_key", "secretsmanager:oms/acme/stripe", "webhook_secret", "env:WHSEC"))).isEmpty();
        assertThat(codes(AdapterSpec.STRIPE.check(Map.of(), Map.of()))).containsExactly("secrets.api_key:field.required");
        assertThat(codes(AdapterSpec.STRIPE.check(Map.of("colour", "x", "api_base", "http://evil.example", "multicapture", "yes",
                "timeout_ms", "-1", "max_network_retries", "9"), Map.of("api_key", "sk_live_123", "other", "ssm:/x"))))
                .containsExactlyInAnyOrder("settings.colour:field.unknown", "settings.api_base:field.format", "settings.multicapture:field.not_allowed",
                        "settings.timeout_ms:field.format", "settings.max_network_retries:field.format",
                        "secrets.api_key:secret.reference_invalid", "secrets.other:field.unknown");
        assertThat(AdapterSpec.STRIPE.check(Map.of("api_base", "http://127.0.0.1:9999"), Map.of("api_key", "env:K"))).isEmpty();
    }

    @Test
    void sftpNeedsHostUserAndExactlyOneSecretAndChecksPathsAndTheHostKey() {
        assertThat(AdapterSpec.SFTP.check(Map.of("host", "sftp.example.com", "username", "acme", "port", "2222", "orders_dir", "out/orders",
                "inventory_file", "stock/inv.csv", "format", "edi", "host_key", "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8"),
                Map.of("password", "ssm:/oms/acme/sftp"))).isEmpty();
        assertThat(codes(AdapterSpec.SFTP.check(Map.of(), Map.of()))).containsExactlyInAnyOrder("settings.host:field.required",
                "settings.username:field.required", "secrets.password:field.exclusive");
        assertThat(codes(AdapterSpec.SFTP.check(Map.of("host", "h", "username", "u"), Map.of("password", "env:A", "private_key", "env:B"))))
                .containsExactly("secrets.password:field.exclusive");
        assertThat(codes(AdapterSpec.SFTP.check(Map.of("host", "bad host", "username", "u", "port", "70000", "orders_dir", "../etc",
                "format", "xml", "host_key", "MD5:aa"), Map.of("private_key", "-----BEGIN"))))
                .containsExactlyInAnyOrder("settings.host:field.format", "settings.port:field.format", "settings.orders_dir:field.format",
                        "settings.format:field.not_allowed", "settings.host_key:field.format", "secrets.private_key:secret.reference_invalid");
    }

    @Test
    void theSandboxTakesNothingAndEveryPortHasIt() {
        assertThat(codes(AdapterSpec.SANDBOX.check(Map.of("a", "b"), Map.of()))).containsExactly("settings.a:field.unknown");
        for (ConnectorPort p : ConnectorPort.values()) {
            assertThat(p.adapters()).first().isEqualTo("sandbox");
            assertThat(p.adapters()).allMatch(a -> AdapterSpec.of(a) != null);
            assertThat(ConnectorPort.parse(p.wireName())).contains(p);
        }
    }
}
