package dev.oms.platform.connectors.vendors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.app.connector.ConnectorException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** References by kind, the minute's cache, and failures that never show a value. */
class ParameterSecretsTest {
    final List<String> reads = new ArrayList<>();
    Instant now = Instant.parse("2026-12-05T10:00:00Z");

    ParameterSecrets secrets() {
        Clock clock = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now; }
        };
        return new ParameterSecrets(ref -> "env value of " + ref, name -> {
            reads.add("ssm " + name);
            if (name.equals("/gone")) throw new dev.oms.platform.aws.AwsJsonRequests.AwsError(400, "ParameterNotFound", "no");
            return "param " + name;
        }, name -> {
            reads.add("sm " + name);
            return "secret " + name;
        }, clock);
    }

    @Test
    void eachKindGoesToItsStoreAndIsReadOncePerMinute() {
        ParameterSecrets s = secrets();
        assertThat(s.get("ssm:/oms/t1/key")).isEqualTo("param /oms/t1/key");
        assertThat(s.get("secretsmanager:oms/t1/stripe")).isEqualTo("secret oms/t1/stripe");
        assertThat(s.get("env:STRIPE_KEY")).isEqualTo("env value of env:STRIPE_KEY");
        assertThat(s.get("ssm:/oms/t1/key")).isEqualTo("param /oms/t1/key");
        assertThat(reads).containsExactly("ssm /oms/t1/key", "sm oms/t1/stripe");
        now = now.plusSeconds(ParameterSecrets.CACHE_SECONDS);
        s.get("ssm:/oms/t1/key");
        assertThat(reads).containsExactly("ssm /oms/t1/key", "sm oms/t1/stripe", "ssm /oms/t1/key");
    }

    @Test
    void aFailedReadIsAConnectorOutageNamingTheReferenceAndTheKindOnly() {
        assertThatThrownBy(() -> secrets().get("ssm:/gone")).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("ssm:/gone").hasMessageContaining("ParameterNotFound");
    }
}
