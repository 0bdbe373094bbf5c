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
    void theSandboxTakesNothingAndEveryPortHasIt() {
        assertThat(codes(AdapterSpec.SANDBOX.check(Map.of("a", "b"), Map.of()))).containsExactly("settings.a:field.unknown");
        for (ConnectorPort p : ConnectorPort.values()) {
            assertThat(p.adapters()).first().isEqualTo("sandbox");
            assertThat(p.adapters()).allMatch(a -> AdapterSpec.of(a) != null);
            assertThat(ConnectorPort.parse(p.wireName())).contains(p);
        }
    }
}
