package dev.oms.platform.connectors.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.PaymentGateway;
import dev.oms.domain.DomainException;
import dev.oms.domain.money.Money;
import dev.oms.platform.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PaymentsRelayTest {
    /** A gateway that records what reached it and answers as a vendor would. */
    static final class Vendor implements PaymentGateway {
        final List<String> calls = new ArrayList<>();

        @Override
        public PaymentStatus status(String tenantId, String paymentId) {
            calls.add("status " + tenantId + " " + paymentId);
            if (paymentId.equals("pi_gone")) return new PaymentStatus(paymentId, State.NOT_FOUND, null);
            return new PaymentStatus(paymentId, State.AUTHORIZED, Money.of(12_345, "JPY"), 100, 5, 1);
        }

        @Override
        public Optional<String> orderReference(String tenantId, String paymentId) {
            return paymentId.equals("pi_1") ? Optional.of("ord_1") : Optional.empty();
        }

        @Override
        public Operation voidAuthorization(String tenantId, String paymentId, Money amount, String key) {
            throw new ConnectorException("payments", "void", "stripe: HTTP 503");
        }

        @Override
        public Operation capture(String tenantId, String paymentId, Money amount, String key) {
            calls.add("capture " + paymentId + " " + amount.minor() + " " + amount.currency() + " " + key);
            return new Operation("ch_1", paymentId, "capture", amount);
        }

        @Override
        public Operation refund(String tenantId, String paymentId, Money amount, String key) {
            throw DomainException.unprocessable("payment.operation_refused", "Stripe refused the refund", "charge_already_refunded")
                    .with("vendor_code", "charge_already_refunded");
        }
    }

    final Vendor vendor = new Vendor();
    final List<ObjectNode> wire = new ArrayList<>();
    /** The client and the relay joined by JSON text, as the Lambda invocation joins them. */
    final PaymentGateway relayed = new PaymentsRelay.Client(request -> {
        wire.add(request);
        try {
            return (ObjectNode) Json.parse(Json.write(PaymentsRelay.serve(Json.parse(Json.write(request)), vendor)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    });

    @Test
    void aStatusCrossesWithEveryAmountExact() {
        var s = relayed.status("t1", "pi_1");
        assertThat(s).isEqualTo(new PaymentGateway.PaymentStatus("pi_1", PaymentGateway.State.AUTHORIZED, Money.of(12_345, "JPY"), 100, 5, 1));
        assertThat(relayed.status("t1", "pi_gone").state()).isEqualTo(PaymentGateway.State.NOT_FOUND);
        assertThat(relayed.status("t1", "pi_gone").amount()).isNull();
        assertThat(vendor.calls).contains("status t1 pi_1");
    }

    @Test
    void aCaptureCarriesItsAmountAndIdempotencyKey() {
        var op = relayed.capture("t1", "pi_1", Money.of(999, "GBP"), "cap-key-1");
        assertThat(op).isEqualTo(new PaymentGateway.Operation("ch_1", "pi_1", "capture", Money.of(999, "GBP")));
        assertThat(vendor.calls).contains("capture pi_1 999 GBP cap-key-1");
        assertThat(wire.get(0).path("tenant_id").asText()).isEqualTo("t1");
    }

    @Test
    void theOrderReferenceIsEmptyWhenTheVendorKnowsNone() {
        assertThat(relayed.orderReference("t1", "pi_1")).contains("ord_1");
        assertThat(relayed.orderReference("t1", "pi_2")).isEmpty();
    }

    @Test
    void aVendorFailureIsStillAConnectorFailureAndARefusalKeepsItsCodeAndDetails() {
        assertThatThrownBy(() -> relayed.voidAuthorization("t1", "pi_1", Money.of(1, "GBP"), "k"))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("stripe: HTTP 503");
        assertThatThrownBy(() -> relayed.refund("t1", "pi_1", Money.of(1, "GBP"), "k"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e).isNotInstanceOf(ConnectorException.class);
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.UNPROCESSABLE);
                    assertThat(e.code()).isEqualTo("payment.operation_refused");
                    assertThat(e.details()).containsEntry("vendor_code", "charge_already_refunded");
                });
    }

    @Test
    void anUnknownOperationOrAMissingTenantIsRefusedAsAFailure() {
        var answer = PaymentsRelay.serve(Json.object().put("tenant_id", "t1").put("operation", "steal").put("payment_id", "pi_1"), vendor);
        assertThat(answer.path("error").path("code").asText()).isEqualTo("connector.unavailable");
        answer = PaymentsRelay.serve(Json.object().put("operation", "status").put("payment_id", "pi_1"), vendor);
        assertThat(answer.path("error").path("code").asText()).isEqualTo("connector.unavailable");
        assertThat(vendor.calls).isEmpty();
    }
}
