package dev.oms.app;

import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.PaymentGateway;
import dev.oms.domain.DomainException;
import dev.oms.domain.money.Money;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A payment service that behaves like the sandbox one: payments are authorized or captured, voids and refunds are
 * partial or full and idempotent on their key (a repeated key answers the first operation and moves no money), and
 * an operation above what is still open is refused. {@link #status} reports the authorized amount and what was
 * captured and refunded, as the port defines it. Every call is logged; faults can be injected per payment.
 */
final class FakePayments implements PaymentGateway {

    static final class Payment {
        final String id;
        State state;
        final Money amount;
        long captured;
        long refunded;
        long voided;

        Payment(String id, State state, Money amount, long captured) {
            this.id = id;
            this.state = state;
            this.amount = amount;
            this.captured = captured;
        }
    }

    /** One call as the OMS made it: {@code status}, {@code void} or {@code refund}. */
    record Call(String kind, String paymentId, Long amount, String idempotencyKey) { }

    final Map<String, Payment> payments = new LinkedHashMap<>();
    final List<Call> calls = new ArrayList<>();
    /** Operations that moved money (a replayed key is not in here twice). */
    final List<Operation> moved = new ArrayList<>();
    /** The next refund of one of these payments is made, and then the caller dies before it hears the answer. */
    final Set<String> dieAfterRefundOnce = new HashSet<>();

    /** The next status call for one of these payments fails as if the service were unreachable. */
    final Set<String> failStatusOnce = new HashSet<>();
    /** The next refund of one of these payments times out before the payment service acts. */
    final Set<String> timeOutRefundOnce = new HashSet<>();
    private final Map<String, Operation> byKey = new HashMap<>();
    private int seq;

    void authorized(String id, long amount, String currency) { payments.put(id, new Payment(id, State.AUTHORIZED, Money.of(amount, currency), 0)); }

    void captured(String id, long amount, String currency) { payments.put(id, new Payment(id, State.CAPTURED, Money.of(amount, currency), amount)); }

    List<Call> calls(String kind) { return calls.stream().filter(c -> c.kind().equals(kind)).toList(); }

    List<Call> moneyCalls() { return calls.stream().filter(c -> !c.kind().equals("status")).toList(); }

    long totalMoved() { return moved.stream().mapToLong(o -> o.amount().minor()).sum(); }

    @Override
    public java.util.Optional<String> orderReference(String tenantId, String paymentId) { return java.util.Optional.empty(); }

    @Override
    public PaymentStatus status(String tenantId, String paymentId) {
        calls.add(new Call("status", paymentId, null, null));
        if (failStatusOnce.remove(paymentId)) throw new ConnectorException("payments", "status", "timed out");
        Payment p = payments.get(paymentId);
        if (p == null) return new PaymentStatus(paymentId, State.NOT_FOUND, null);
        return new PaymentStatus(paymentId, p.state, p.amount, p.captured, p.refunded, p.voided);
    }

    @Override
    public Operation voidAuthorization(String tenantId, String paymentId, Money amount, String idempotencyKey) {
        calls.add(new Call("void", paymentId, amount.minor(), idempotencyKey));
        Operation earlier = byKey.get("void#" + idempotencyKey);
        if (earlier != null) return earlier;
        Payment p = existing(paymentId);
        if (p.state != State.AUTHORIZED) throw refused("payment " + paymentId + " is " + p.state + " and cannot be voided");
        long open = p.amount.minor() - p.captured - p.voided;
        if (amount.minor() > open) throw refused("only " + open + " of payment " + paymentId + " can be voided");
        p.voided += amount.minor();
        if (p.voided == p.amount.minor()) p.state = State.VOIDED;
        return remember("void#" + idempotencyKey, new Operation("void_" + (++seq), paymentId, "void", amount));
    }

    @Override
    public Operation capture(String tenantId, String paymentId, Money amount, String idempotencyKey) {
        calls.add(new Call("capture", paymentId, amount.minor(), idempotencyKey));
        Operation earlier = byKey.get("capture#" + idempotencyKey);
        if (earlier != null) return earlier;
        Payment p = existing(paymentId);
        long open = p.amount.minor() - p.captured - p.voided;
        if (p.state != State.AUTHORIZED || amount.minor() > open) throw refused("only " + open + " of payment " + paymentId + " can be captured");
        p.captured += amount.minor();
        if (p.captured == p.amount.minor()) p.state = State.CAPTURED;
        return remember("capture#" + idempotencyKey, new Operation("cap_" + (++seq), paymentId, "capture", amount));
    }

    @Override
    public Operation refund(String tenantId, String paymentId, Money amount, String idempotencyKey) {
        calls.add(new Call("refund", paymentId, amount.minor(), idempotencyKey));
        if (timeOutRefundOnce.remove(paymentId)) throw new ConnectorException("payments", "refund", "timed out");
        Operation earlier = byKey.get("refund#" + idempotencyKey);
        if (earlier != null) return earlier;
        Payment p = existing(paymentId);
        long refundable = p.captured - p.refunded;
        if (amount.minor() > refundable) throw refused("only " + refundable + " of payment " + paymentId + " can be refunded");
        p.refunded += amount.minor();
        if (p.refunded == p.amount.minor()) p.state = State.REFUNDED;
        Operation done = remember("refund#" + idempotencyKey, new Operation("re_" + (++seq), paymentId, "refund", amount));
        if (dieAfterRefundOnce.remove(paymentId)) throw new IllegalStateException("the process died after the refund was made");
        return done;
    }

    private Operation remember(String key, Operation op) {
        byKey.put(key, op);
        moved.add(op);
        return op;
    }

    private Payment existing(String paymentId) {
        Payment p = payments.get(paymentId);
        if (p == null) throw refused("payment " + paymentId + " does not exist");
        return p;
    }

    private static DomainException refused(String message) {
        return DomainException.unprocessable("payment.operation_refused", message, "Check the payment in the payment service.");
    }
}
