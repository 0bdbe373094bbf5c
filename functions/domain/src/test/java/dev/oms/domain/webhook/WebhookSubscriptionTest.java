package dev.oms.domain.webhook;

import static dev.oms.DomainAssertions.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.domain.DomainException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSubscriptionTest {
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    static WebhookSubscription subscription(String... events) {
        return WebhookSubscription.create("wh_1", "t1", "https://example.com/hook", List.of(events), null, "whsec_one", NOW);
    }

    @Test
    void filtersOnKnownTypesOrEverything() {
        WebhookSubscription s = subscription("order.created", "order.cancelled", "order.created");
        assertThat(s.events()).containsExactly("order.created", "order.cancelled");
        assertThat(s.matches("order.created")).isTrue();
        assertThat(s.matches("order.confirmed")).isFalse();
        WebhookSubscription all = subscription("order.created", "*");
        assertThat(all.events()).containsExactly("*");
        assertThat(all.matches("order.external_update")).isTrue();
        assertThat(s.isActive()).isTrue();
        assertThat(s.version()).isEqualTo(1);
    }

    @Test
    void unknownTypesAreFieldErrors() {
        DomainException e = failsWith(() -> subscription("order.created", "order.teleported", "return.created"), "request.invalid");
        assertThat(e.fieldErrors()).extracting(DomainException.FieldError::field).containsExactly("events[1]", "events[2]");
        assertThat(e.fieldErrors()).extracting(DomainException.FieldError::code).containsOnly("events.unknown_type");
        failsWith(WebhookSubscriptionTest::subscription, "request.invalid");
    }

    @Test
    void aRotatedSecretSignsBesideTheNewOneForADay() {
        WebhookSubscription s = subscription("*").withNewSecret("whsec_two", NOW);
        assertThat(s.secret()).isEqualTo("whsec_two");
        assertThat(s.signingSecrets(NOW.plusSeconds(3600))).containsExactly("whsec_two", "whsec_one");
        assertThat(s.signingSecrets(NOW.plus(WebhookSubscription.PREVIOUS_SECRET_GRACE))).containsExactly("whsec_two");
        assertThat(s.version()).isEqualTo(2);
        assertThat(s.withNewSecret("whsec_three", NOW).signingSecrets(NOW)).containsExactly("whsec_three", "whsec_two");
    }

    @Test
    void disablingKeepsTheReason() {
        WebhookSubscription s = subscription("*").disabled("the endpoint answered 410 Gone", NOW);
        assertThat(s.isActive()).isFalse();
        assertThat(s.state()).isEqualTo(WebhookSubscription.DISABLED);
        assertThat(s.disabledReason()).contains("410");
    }
}
