package dev.oms.domain.order;

import java.time.Instant;
import java.util.List;

/**
 * A settlement of one of the order's payments that an agent linked by hand ({@code POST /v1/admin/payments/{id}/reconcile}
 * with a {@code settlement}): the payment service's payout or the bank's statement line ({@code reference}), what it
 * settled for this payment ({@code gross}) less the service's {@code fee}, in the order currency's minor units, when,
 * and the evidence the agent attached. The payment's settlements together should equal what it captured less what it
 * refunded; the order's reconciliation names the difference ({@code settlements.mismatch}).
 */
public record PaymentSettlement(String paymentId, String reference, long gross, long fee, Instant settledAt, List<Evidence> evidence,
                                String linkedBy, Instant linkedAt) {
    /** The kinds of evidence an agent attaches. */
    public static final java.util.Set<String> EVIDENCE_TYPES = java.util.Set.of("settlement_report", "bank_statement", "provider_dashboard",
            "remittance_advice", "other");

    /** One piece of evidence: its kind, its reference in that source (a report line, a statement entry), and a link to it. */
    public record Evidence(String type, String reference, String url) { }

    public PaymentSettlement {
        evidence = List.copyOf(evidence);
    }

    /** What reached the merchant: gross less the fee. */
    public long net() { return gross - fee; }
}
