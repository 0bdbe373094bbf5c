package dev.oms.platform.connectors.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StripePaymentsKeysTest {
    @Test
    void idempotencyKeysAreStablePerOperationAndFitStripesLimit() {
        assertThat(StripePayments.key("capture", "capture:ord_1:pi_1:0:2000")).isEqualTo("oms-capture-capture:ord_1:pi_1:0:2000");
        String longKey = "x".repeat(400);
        assertThat(StripePayments.key("refund", longKey)).hasSizeLessThanOrEqualTo(255).isEqualTo(StripePayments.key("refund", longKey));
        assertThat(StripePayments.key("refund", "a")).isNotEqualTo(StripePayments.key("capture", "a"));
    }
}
