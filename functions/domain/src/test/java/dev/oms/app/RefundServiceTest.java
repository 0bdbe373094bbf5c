package dev.oms.app;

import static dev.oms.domain.order.OrderMother.TENANT;
import static dev.oms.domain.order.OrderMother.anOrder;
import static dev.oms.domain.order.OrderMother.specWithTax;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.app.port.ResponseJournal;
import dev.oms.domain.DomainException;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderLine;
import dev.oms.domain.order.PaymentReference;
import dev.oms.domain.order.Refund;
import dev.oms.domain.order.RefundLine;
import dev.oms.domain.order.RefundRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Payments linked, captured and refunded through the use cases, against the fake payment service. */
class RefundServiceTest {
    final CancellationFixture f = new CancellationFixture();
    final FakeStoreCredit credit = new FakeStoreCredit();
    final RefundService refunds = new RefundService(f.tx, f.payments, credit, f.ids, f.clock);
    final PaymentService payments = new PaymentService(f.tx, f.payments, f.clock);

    /** Two lines with 20% tax (3 x 1000 and 1 x 2500, 10% discount on the second) and 500 shipping: total 7100. */
    Order order() {
        Order o = anOrder().line(specWithTax("A", 3, 1000, 0, 2000, null)).line(specWithTax("B", 1, 2500, 250, 2000, null))
                .shipping(500).build();
        return f.store(o);
    }

    static CommandContext ctx() { return CancellationFixture.ctx(null); }

    Order paidInFull(Order o) {
        long total = o.totals().total();
        f.payments.authorized("pg_1", total, "GBP");
        payments.link(ctx(), o.id(), "pg_1", Money.of(total, "GBP"), Map.of());
        payments.capture(ctx(), o.id(), "pg_1", null);
        return f.load(o.id());
    }

    @Test
    void linkingCapturingAndRefundingKeepStatusAndBalanceInStep() {
        Order o = order();
        assertThat(o.totals().total()).isEqualTo(3600 + 2700 + 500);
        assertThat(o.state().paymentStatus).isEqualTo("unpaid");
        f.payments.authorized("pg_1", 6800, "GBP");
        payments.link(ctx(), o.id(), "pg_1", Money.of(6800, "GBP"), Map.of());
        assertThat(f.load(o.id()).state().paymentStatus).isEqualTo("authorized");
        payments.capture(ctx(), o.id(), "pg_1", 2000L);
        Order partly = f.load(o.id());
        assertThat(partly.state().paymentStatus).isEqualTo("partially_paid");
        assertThat(partly.balanceDue()).isEqualTo(4800);
        payments.capture(ctx(), o.id(), "pg_1", null);
        Order paid = f.load(o.id());
        assertThat(paid.state().paymentStatus).isEqualTo("paid");
        assertThat(paid.balanceDue()).isZero();

        String lineA = paid.lines().get(0).id();
        RefundService.Result r = refunds.refund(ctx(), o.id(), new RefundRequest(null, "damaged", List.of(new RefundRequest.Line(lineA, 1L, null)),
                null, null, 0, null, null));
        assertThat(r.refund().status()).isEqualTo(Refund.SUCCEEDED);
        assertThat(r.refund().amount().minor()).isEqualTo(1200);
        assertThat(r.refund().lines()).containsExactly(new RefundLine(lineA, 1, 1200, 200));
        Order after = f.load(o.id());
        assertThat(after.state().paymentStatus).isEqualTo("partially_refunded");
        assertThat(after.balanceDue()).isZero();
        assertThat(after.money().require("pg_1").refunded()).isEqualTo(1200);
        assertThat(f.payments.calls("refund")).singleElement().satisfies(c -> assertThat(c.idempotencyKey()).startsWith(r.refund().id()));
        assertThat(f.eventTypes(o.id())).contains("payment.linked", "payment.captured", "refund.requested", "refund.issued");
    }

    @Test
    void thePartOfAPaymentNotAppliedToLinesPaysForWhatNoApplicationCovers() {
        Order o = order(); // line A 3600, line B 2700, shipping 500
        String lineA = o.lines().get(0).id();
        String lineB = o.lines().get(1).id();
        f.payments.authorized("pg_1", 4100, "GBP");
        f.payments.authorized("pg_2", 2700, "GBP");
        payments.link(ctx(), o.id(), "pg_1", Money.of(4100, "GBP"), Map.of(lineA, 3600L)); // line A + 500 unapplied
        payments.link(ctx(), o.id(), "pg_2", Money.of(2700, "GBP"), Map.of(lineB, 2700L));
        payments.capture(ctx(), o.id(), "pg_1", null);
        payments.capture(ctx(), o.id(), "pg_2", null);
        Order paid = f.load(o.id());
        var ledger = paid.money().ledger();
        assertThat(ledger.paidBy(paid.money().require("pg_1"))).containsEntry(lineA, 3600L).containsEntry(RefundLine.SHIPPING, 500L)
                .doesNotContainKey(lineB);
        assertThat(ledger.paid()).containsEntry(lineA, 3600L).containsEntry(lineB, 2700L).containsEntry(RefundLine.SHIPPING, 500L);
        assertThat(ledger.refundableByLine()).containsEntry(RefundLine.SHIPPING, 500L).containsEntry(lineA, 3600L);
    }

    /** A request with an Idempotency-Key: the journal hands out the same key on every retry. */
    static CommandContext keyed(String key) {
        ResponseJournal journal = new ResponseJournal() {
            @Override public dev.oms.app.port.IdempotencyRecord recordFor(Object result) { return null; }
            @Override public void written() { }
            @Override public String requestKey() { return key; }
        };
        return new CommandContext(CancellationFixture.AGENT, "corr-1", null, null, journal);
    }

    @Test
    void aRetryAfterACrashBetweenPayingOutAndRecordingResumesTheSameRefund() {
        Order o = paidInFull(order());
        String lineA = o.lines().get(0).id();
        RefundRequest request = new RefundRequest(null, "damaged", List.of(new RefundRequest.Line(lineA, 1L, null)), null, null, 0, null, null);
        String key = "0123456789abcdef0123456789abcdef";
        f.payments.dieAfterRefundOnce.add("pg_1");

        assertThatThrownBy(() -> refunds.refund(keyed(key), o.id(), request)).hasMessageContaining("died");
        Refund planned = f.load(o.id()).children(Refund.class).get(0);
        assertThat(planned.status()).isEqualTo(Refund.PENDING);

        RefundService.Result retried = refunds.refund(keyed(key), o.id(), request);
        assertThat(retried.refund().id()).isEqualTo(planned.id()).isEqualTo("rf_0123456789ABCDEF0123456789");
        assertThat(retried.refund().status()).isEqualTo(Refund.SUCCEEDED);
        assertThat(f.load(o.id()).children(Refund.class)).hasSize(1);
        assertThat(f.payments.calls("refund")).hasSize(2).extracting(FakePayments.Call::idempotencyKey).containsOnly(planned.id() + ":pg_1");
        assertThat(f.load(o.id()).money().require("pg_1").refunded()).as("the money moved once").isEqualTo(1200);
    }

    @Test
    void nobodyRefundsMoreThanALineOrTheOrderHolds() {
        Order o = paidInFull(order());
        String lineA = o.lines().get(0).id();
        refunds.refund(ctx(), o.id(), new RefundRequest(null, "r", List.of(new RefundRequest.Line(lineA, 3L, null)), null, null, 0, null, null));
        assertThatThrownBy(() -> refunds.refund(ctx(), o.id(), new RefundRequest(null, "again",
                List.of(new RefundRequest.Line(lineA, 1L, null)), null, null, 0, null, null)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("refund.exceeds_refundable"));
        assertThatThrownBy(() -> refunds.refund(ctx(), o.id(), new RefundRequest(3501L, "too much", List.of(), null, null, 0, null, null)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("refund.exceeds_refundable"));
        RefundService.Result rest = refunds.refund(ctx(), o.id(), new RefundRequest(3200L, "the rest", List.of(), null, null, 0, null, null));
        assertThat(rest.refund().lines().stream().mapToLong(RefundLine::amount).sum()).isEqualTo(3200);
        assertThat(f.load(o.id()).state().paymentStatus).isEqualTo("refunded");
        assertThat(f.payments.moved.stream().filter(m -> m.kind().equals("refund")).mapToLong(m -> m.amount().minor()).sum()).isEqualTo(3600 + 3200);
    }

    @Test
    void aReturnRefundTakesTheRestockingFeeOffAndIsAskedOnce() {
        Order o = paidInFull(order());
        String lineA = o.lines().get(0).id();
        String lineB = o.lines().get(1).id();
        List<RefundRequest.Line> lines = List.of(new RefundRequest.Line(lineA, 2L, null), new RefundRequest.Line(lineB, 1L, null));
        RefundService.Result r = refunds.refundReturn(ctx(), o.id(), "ret_1", lines, 500, Refund.STORE_CREDIT, "return");
        assertThat(r.refund().amount().minor()).isEqualTo(2400 + 2700 - 500);
        assertThat(r.refund().lines().stream().mapToLong(RefundLine::amount).sum()).isEqualTo(4600);
        assertThat(r.refund().storeCreditId()).isNotNull();
        assertThat(credit.byKey).hasSize(1);
        RefundService.Result again = refunds.refundReturn(ctx(), o.id(), "ret_1", lines, 500, Refund.STORE_CREDIT, "return");
        assertThat(again.refund().id()).isEqualTo(r.refund().id());
        Order after = f.load(o.id());
        assertThat(after.state().storeCreditTotal).isEqualTo(4600);
        assertThat(after.balanceDue()).isZero();
        assertThat(f.payments.calls("refund")).isEmpty();
    }

    @Test
    void exactInZeroAndThreeDecimalCurrencies() {
        for (String currency : List.of("JPY", "KWD")) {
            CancellationFixture g = new CancellationFixture();
            RefundService rs = new RefundService(g.tx, g.payments, credit, g.ids, g.clock);
            Order o = g.store(anOrder().currency(currency).line(new dev.oms.domain.order.LineSpec(null, "X", null, "x", 3,
                    Money.of(1001, currency), null, 1000, null, null)).build());
            long total = o.totals().total();
            g.payments.captured("pg_" + currency, total, currency);
            new PaymentService(g.tx, g.payments, g.clock).link(ctx(), o.id(), "pg_" + currency, Money.of(total, currency), Map.of());
            OrderLine line = o.lines().get(0);
            long sum = 0;
            for (int i = 0; i < 3; i++) {
                sum += rs.refund(ctx(), o.id(), new RefundRequest(null, "unit", List.of(new RefundRequest.Line(line.id(), 1L, null)),
                        null, null, 0, null, null)).refund().amount().minor();
                o = g.load(o.id());
            }
            assertThat(sum).as(currency).isEqualTo(total);
            assertThat(o.state().paymentStatus).isEqualTo("refunded");
        }
    }

    @Test
    void malformedRefundsAreRefusedBeforeAnythingIsPlanned() {
        Order o = paidInFull(order());
        String lineA = o.lines().get(0).id();
        List<RefundRequest> bad = List.of(
                new RefundRequest(-1L, "negative", List.of(), null, null, 0, null, null),
                new RefundRequest(null, "negative line", List.of(new RefundRequest.Line(lineA, null, -5L)), null, null, 0, null, null),
                new RefundRequest(null, "too many units", List.of(new RefundRequest.Line(lineA, 4L, null)), null, null, 0, null, null),
                new RefundRequest(1000L, "mismatch", List.of(new RefundRequest.Line(lineA, 1L, null)), null, null, 0, null, null),
                new RefundRequest(null, "fee", List.of(new RefundRequest.Line(lineA, 1L, null)), null, null, 1201, null, null),
                new RefundRequest(null, "nothing", List.of(new RefundRequest.Line(lineA, null, 0L)), null, null, 0, null, null),
                new RefundRequest(100L, "where", List.of(), null, "cash", 0, null, null));
        for (RefundRequest r : bad) {
            assertThatThrownBy(() -> refunds.refund(ctx(), o.id(), r)).as(r.reason()).isInstanceOf(DomainException.class);
        }
        assertThat(f.load(o.id()).children(Refund.class)).isEmpty();
        assertThat(f.payments.calls("refund")).isEmpty();
    }

    @Test
    void aRefusedRefundFailsAndFreesTheBalance() {
        Order o = paidInFull(order());
        f.payments.payments.get("pg_1").captured = 0; // the payment service no longer holds the capture
        RefundService.Result r = refunds.refund(ctx(), o.id(), new RefundRequest(1000L, "r", List.of(), null, null, 0, null, null));
        assertThat(r.refund().status()).isEqualTo(Refund.FAILED);
        assertThat(f.load(o.id()).money().ledger().refundable()).isEqualTo(o.totals().total());
        assertThat(f.eventTypes(o.id())).contains("refund.failed");
    }

    @Test
    void aRefundThePaymentServiceDoesNotAnswerStaysPendingHoldsItsMoneyAndResumesOnce() {
        Order o = order();
        f.payments.captured("pg_a", 3000, "GBP");
        f.payments.captured("pg_b", 3800, "GBP");
        payments.link(ctx(), o.id(), "pg_a", Money.of(3000, "GBP"), Map.of());
        payments.link(ctx(), o.id(), "pg_b", Money.of(3800, "GBP"), Map.of());
        f.payments.timeOutRefundOnce.add("pg_b");
        Refund pending = refunds.refund(ctx(), o.id(), new RefundRequest(5000L, "r", List.of(), null, null, 0, null, null)).refund();
        assertThat(pending.status()).isEqualTo(Refund.PENDING);
        assertThat(pending.payments()).extracting(s -> s.isDone()).containsExactly(true, false);
        assertThat(f.load(o.id()).money().ledger().refundable()).isEqualTo(1800);
        assertThatThrownBy(() -> refunds.refund(ctx(), o.id(), new RefundRequest(1801L, "more", List.of(), null, null, 0, null, null)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("refund.exceeds_refundable"));
        Refund done = refunds.resume(ctx(), o.id(), pending.id()).refund();
        assertThat(done.status()).isEqualTo(Refund.SUCCEEDED);
        assertThat(f.payments.moved.stream().filter(m -> m.kind().equals("refund")).mapToLong(m -> m.amount().minor()).sum()).isEqualTo(5000);
        Order after = f.load(o.id());
        assertThat(after.money().require("pg_a").refunded()).isEqualTo(3000);
        assertThat(after.money().require("pg_b").refunded()).isEqualTo(2000);
        assertThat(refunds.resume(ctx(), o.id(), pending.id()).refund().status()).isEqualTo(Refund.SUCCEEDED);
    }

    @Test
    void captureBeyondTheAuthorizationAndUnlinkWithCapturedMoneyAreRefused() {
        Order o = order();
        f.payments.authorized("pg_1", 3000, "GBP");
        payments.link(ctx(), o.id(), "pg_1", Money.of(3000, "GBP"), Map.of(o.lines().get(0).id(), 3000L));
        assertThatThrownBy(() -> payments.capture(ctx(), o.id(), "pg_1", 3001L))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("payment.capture_exceeds_authorized"));
        payments.capture(ctx(), o.id(), "pg_1", 1000L);
        assertThatThrownBy(() -> payments.unlink(ctx(), o.id(), "pg_1"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("payment.captured_funds_applied"));
        refunds.refund(ctx(), o.id(), new RefundRequest(1000L, "r", List.of(), null, null, 0, null, null));
        PaymentReference unlinked = payments.unlink(ctx(), o.id(), "pg_1").payment();
        assertThat(unlinked.paymentId()).isEqualTo("pg_1");
        assertThat(f.load(o.id()).state().payments).isEmpty();
    }

    @Test
    void linkChecksThePaymentServiceAndTheOrder() {
        Order o = order();
        f.payments.authorized("pg_usd", 1000, "USD");
        f.payments.authorized("pg_big", 99999, "GBP");
        assertThatThrownBy(() -> payments.link(ctx(), o.id(), "pg_none", Money.of(100, "GBP"), Map.of()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("payment.unknown"));
        assertThatThrownBy(() -> payments.link(ctx(), o.id(), "pg_usd", Money.of(100, "GBP"), Map.of()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("payment.currency_mismatch"));
        assertThatThrownBy(() -> payments.link(ctx(), o.id(), "pg_big", Money.of(99999, "GBP"), Map.of()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("payment.exceeds_order_total"));
        payments.link(ctx(), o.id(), "pg_big", Money.of(100, "GBP"), Map.of());
        assertThatThrownBy(() -> payments.link(ctx(), o.id(), "pg_big", Money.of(100, "GBP"), Map.of()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("payment.already_linked"));
    }

    @Test
    void cancellationRefundsAreRefundRecordsAndTheBalancesAgree() {
        Order o = paidInFull(order());
        String lineA = o.lines().get(0).id();
        var req = f.service.cancelLines(ctx(), o.id(), List.of(new dev.oms.domain.order.Cancellation.LineQuantity(lineA, 1)), true, false);
        f.runForward(o.id(), req.cancellation().id());
        Order after = f.load(o.id());
        List<Refund> rs = after.children(Refund.class);
        assertThat(rs).singleElement().satisfies(r -> {
            assertThat(r.source()).isEqualTo(Refund.CANCELLATION);
            assertThat(r.amount().minor()).isEqualTo(1200);
            assertThat(r.creditsOrder()).isFalse();
        });
        assertThat(after.totals().total()).isEqualTo(6800 - 1200);
        assertThat(after.balanceDue()).isZero();
        assertThat(after.state().paymentStatus).isEqualTo("partially_refunded");
        // line A has 2 units left worth 2400: refundable, and no more
        assertThat(after.money().ledger().refundableByLine().get(lineA)).isEqualTo(2400);
        assertThat(TENANT).isNotNull();
    }
}
