package dev.oms.app;

import static dev.oms.DomainAssertions.failsWith;
import static dev.oms.app.CancellationFixture.ctx;
import static dev.oms.domain.order.OrderMother.TENANT;
import static dev.oms.domain.order.OrderMother.anOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.oms.app.port.EditQuoteStore;
import dev.oms.app.port.IdempotencyRecord;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.EditChange;
import dev.oms.domain.order.EditQuote;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderEdit;
import dev.oms.domain.order.OrderEdits;
import dev.oms.domain.order.Refund;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrderEditSagaTest {
    static final String ORDER = "ord_1";

    /** Quotes in a map; the tenant's time to live is {@code ttl}. */
    static final class Quotes implements EditQuoteStore {
        final Map<String, EditQuote> byId = new HashMap<>();
        int ttl = 15;
        @Override public void create(EditQuote q, IdempotencyRecord idempotency) { byId.put(q.id(), q); }
        @Override public void replace(EditQuote q, IdempotencyRecord idempotency) { byId.put(q.id(), q); }
        @Override public Optional<EditQuote> find(String tenantId, String orderId, String quoteId) {
            return Optional.ofNullable(byId.get(quoteId)).filter(q -> q.tenantId().equals(tenantId) && q.orderId().equals(orderId));
        }
        @Override public Optional<EditQuote> find(String tenantId, String quoteId) {
            return Optional.ofNullable(byId.get(quoteId)).filter(q -> q.tenantId().equals(tenantId));
        }
        @Override public int ttlMinutes(String tenantId, int fallback) { return ttl; }
    }

    final CancellationFixture f = new CancellationFixture();
    final Quotes quotes = new Quotes();
    final OrderEditService edits = new OrderEditService(f.tx, quotes, tenant -> dev.oms.app.port.TenantSettingsStore.TenantSettings.DEFAULTS,
            f.payments, f.inventory, f.ids, f.clock);
    final OrderEditSaga saga = new OrderEditSaga(f.tx, f.payments, f.inventory, f.repairs, f.ids, f.clock);

    /** line_1: 2 x 10.00, paid by pay_1, captured in full. */
    Order capturedOrder() {
        f.payments.captured("pay_1", 2000, "GBP");
        return f.store(anOrder().line("SKU-1", 2, 1000).payment("pay_1", 2000, "captured").confirmed());
    }

    static EditChange quantity(long q) { return new EditChange(EditChange.CHANGE_QUANTITY, "line_1", null, q, null, null, null, null, null); }

    OrderEdit applyDecrease() {
        EditQuote q = edits.quote(ctx("fewer"), ORDER, List.of(quantity(1)), false).quote();
        return edits.apply(ctx(null), ORDER, q.id(), List.of(), false).edit();
    }

    @Test
    void quotingChangesNothingAndTheQuoteExpiresAfterTheTenantsTimeToLive() {
        Order before = capturedOrder();
        quotes.ttl = 30;
        EditQuote q = edits.quote(ctx("fewer"), ORDER, List.of(quantity(1)), false).quote();
        assertThat(q.expiresAt()).isEqualTo(q.createdAt().plus(Duration.ofMinutes(30)));
        assertThat(f.load(ORDER).version()).isEqualTo(before.version());
        assertThat(f.eventTypes(ORDER)).doesNotContain("order.edited");
        f.clock.now = f.clock.now.plus(Duration.ofMinutes(30));
        DomainException gone = failsWith(() -> edits.apply(ctx(null), ORDER, q.id(), List.of(), false), "quote.expired");
        assertThat(gone.kind()).isEqualTo(DomainException.Kind.GONE);
    }

    @Test
    void aQuoteMadeOnAnOlderVersionIsStale() {
        capturedOrder();
        EditQuote q = edits.quote(ctx(null), ORDER, List.of(quantity(1)), false).quote();
        f.tx.mutate(ctx(null), ORDER, false, o -> { o.updateDetails(Map.of("k", "v"), null, null, f.clock.instant()); return o; });
        DomainException stale = failsWith(() -> edits.apply(ctx(null), ORDER, q.id(), List.of(), false), "quote.stale");
        assertThat(stale.details()).containsEntry("current_version", 2L);
        failsWith(() -> edits.apply(ctx(null), "ord_other", q.id(), List.of(), false), "order.not_found");
    }

    @Test
    void theSagaRefundsTheDecreaseOnceEvenWhenRetriedAfterACrash() {
        capturedOrder();
        OrderEdit edit = applyDecrease();
        assertThat(edit.state()).isEqualTo(OrderEdit.SETTLING);
        assertThat(f.load(ORDER).totals().total()).isEqualTo(1000);
        f.payments.dieAfterRefundOnce.add("pay_1");
        assertThat(catchThrowable(() -> saga.settlePayments(TENANT, ORDER, edit.id()))).isInstanceOf(IllegalStateException.class);
        Map<String, Object> settled = saga.settlePayments(TENANT, ORDER, edit.id());
        assertThat(settled).containsEntry("refunded", 1000L);
        assertThat(saga.settlePayments(TENANT, ORDER, edit.id())).isEqualTo(settled);
        assertThat(f.payments.totalMoved()).as("one refund, whatever the retries").isEqualTo(1000);
        saga.complete(TENANT, ORDER, edit.id());
        Order done = f.load(ORDER);
        assertThat(new OrderEdits(done).require(edit.id()).state()).isEqualTo(OrderEdit.COMPLETED);
        Refund refund = done.children(Refund.class).get(0);
        assertThat(refund.source()).isEqualTo(Refund.EDIT);
        assertThat(refund.amount().minor()).isEqualTo(1000);
        assertThat(done.state().payments.get(0).refunded()).isEqualTo(1000);
        assertThat(done.balanceDue()).isZero();
        assertThat(f.eventTypes(ORDER)).contains("order.edited", "order.edit_settlement_requested", "order.edit_progressed",
                "refund.issued", "order.edit_completed");
    }

    @Test
    void aRefusedRefundIsCompensatedTheOrderGoesBackWithAHoldAndARepairItem() {
        capturedOrder();
        f.payments.payments.get("pay_1").captured = 500; // the payment service holds less than the order thinks
        OrderEdit edit = applyDecrease();
        failsWith(() -> saga.settlePayments(TENANT, ORDER, edit.id()), "payment.operation_refused");
        Map<String, Object> out = saga.compensate(TENANT, ORDER, edit.id(), "settle_payments", "declined: only 500 refundable");
        assertThat(out).containsEntry("compensated", true).containsKey("hold_id");
        Order back = f.load(ORDER);
        assertThat(back.totals().total()).isEqualTo(2000);
        assertThat(back.line("line_1").quantity()).isEqualTo(2);
        assertThat(back.holds()).hasSize(1);
        assertThat(new OrderEdits(back).require(edit.id()).state()).isEqualTo(OrderEdit.COMPENSATED);
        assertThat(f.repairs.find(TENANT, "rep_" + edit.id().substring(4))).hasValueSatisfying(r -> assertThat(r.kind()).isEqualTo("edit_failed"));
        assertThat(saga.compensate(TENANT, ORDER, edit.id(), "settle_payments", "again")).containsEntry("compensated", true);
        assertThat(f.load(ORDER).holds()).as("compensating twice holds once").hasSize(1);
    }

    /** line_1: 2 x 10.00, authorized by pay_1, both units in the open fulfilment ful_1 (reserved). */
    void storeWithOpenFulfilment() {
        f.payments.authorized("pay_1", 2000, "GBP");
        Order confirmed = anOrder().line("SKU-1", 2, 1000).payment("pay_1", 2000, "authorized").confirmed();
        dev.oms.domain.order.OrderFulfillment.create(confirmed, new dev.oms.domain.order.FulfillmentRequest("wh_1",
                List.of(new dev.oms.domain.order.FulfillmentLine("line_1", 2, null, null)), null, null, null, null), "ful_1",
                dev.oms.domain.order.Fulfillment.DIRECT, true, dev.oms.domain.order.OrderMother.AGENT, dev.oms.domain.order.OrderMother.NOW);
        f.store(dev.oms.domain.order.OrderMother.fresh(confirmed));
        f.inventory.reserved(ORDER, "SKU-1", 2);
    }

    @Test
    void unitsTakenFromAnOpenFulfilmentCancelItAndTheSagaReleasesItsReservation() {
        storeWithOpenFulfilment();

        EditQuote q = edits.quote(ctx(null), ORDER, List.of(quantity(1)), false).quote();
        assertThat(q.preview().fulfillmentsToCancel()).containsExactly("ful_1");
        assertThat(q.preview().deltaSplit().inFulfillment()).isEqualTo(-1000);
        OrderEdit edit = edits.apply(ctx(null), ORDER, q.id(), List.of(), false).edit();
        assertThat(f.load(ORDER).child(dev.oms.domain.order.Fulfillment.class, "ful_1").orElseThrow().status())
                .isEqualTo(dev.oms.domain.order.FulfillmentStatus.CANCELLED);
        assertThat(saga.releaseReservations(TENANT, ORDER, edit.id())).containsEntry("released", Map.of("SKU-1", 2L));
        saga.releaseReservations(TENANT, ORDER, edit.id());
        assertThat(f.inventory.calls("release")).hasSize(1);
        assertThat(saga.settlePayments(TENANT, ORDER, edit.id())).containsEntry("voided", 1000L);
        saga.complete(TENANT, ORDER, edit.id());
        assertThat(new OrderEdits(f.load(ORDER)).require(edit.id()).state()).isEqualTo(OrderEdit.COMPLETED);
        assertThat(f.load(ORDER).state().payments.get(0).amount().minor()).as("the authorization shrank with the void").isEqualTo(1000);
    }

    @Test
    void aFailedEditTakesTheReleasedReservationsAgain() {
        storeWithOpenFulfilment();
        EditQuote q = edits.quote(ctx(null), ORDER, List.of(quantity(1)), false).quote();
        OrderEdit edit = edits.apply(ctx(null), ORDER, q.id(), List.of(), false).edit();
        saga.releaseReservations(TENANT, ORDER, edit.id());
        Map<String, Object> out = saga.compensate(TENANT, ORDER, edit.id(), "settle_payments", "declined");
        assertThat((String) out.get("failure")).contains("ful_1").contains("stay cancelled");
        assertThat(f.inventory.reservations.get(ORDER)).containsEntry("SKU-1", 2L);
        assertThat(f.load(ORDER).line("line_1").quantity()).isEqualTo(2);
    }
}
