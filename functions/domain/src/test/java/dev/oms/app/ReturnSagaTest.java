package dev.oms.app;

import static dev.oms.DomainAssertions.failsWith;
import static dev.oms.domain.order.OrderMother.NOW;
import static dev.oms.domain.order.OrderMother.TENANT;
import static dev.oms.domain.order.OrderMother.anOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.app.port.RepairItem;
import dev.oms.app.port.SagaCallbacks;
import dev.oms.app.port.TenantSettingsStore.TenantSettings;
import dev.oms.domain.DomainException;
import dev.oms.domain.money.Money;
import dev.oms.domain.order.LineUnits;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.ReturnDraft;
import dev.oms.domain.order.ReturnRequest;
import dev.oms.domain.order.ReturnState;
import dev.oms.domain.order.UnitMeasure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The return use cases and the return-order saga's steps against the fakes: waits, settlements, restock, repair. */
class ReturnSagaTest {
    /** A child that shipped and delivered units, as a fulfilment does. */
    record Parcel(String id, Map<String, Long> shipped) implements LineUnits {
        public String kind() { return "parcel"; }
        public long units(String lineId, UnitMeasure m) {
            return m == UnitMeasure.SHIPPED || m == UnitMeasure.DELIVERED ? shipped.getOrDefault(lineId, 0L) : 0;
        }
    }

    /** Records the callbacks; can be told to fail like a task that ended. */
    static final class Callbacks implements SagaCallbacks {
        final List<String> calls = new ArrayList<>();
        boolean ended;
        @Override public void succeed(String token, Map<String, Object> output) {
            calls.add("succeed " + token + " " + output.get("status"));
            if (ended) throw new IllegalStateException("task ended");
        }
        @Override public void fail(String token, String error, String cause) { calls.add("fail " + token + " " + error); }
    }

    static final String ORDER = "ord_main";

    final CancellationFixture f = new CancellationFixture();
    final FakeStoreCredit credit = new FakeStoreCredit();
    final RefundService refunds = new RefundService(f.tx, f.payments, credit, f.ids, f.clock);
    final PaymentService paymentLinks = new PaymentService(f.tx, f.payments, f.clock);
    final OrderService orders = new OrderService(f.repo, t -> TenantSettings.DEFAULTS, f.payments, f.inventory, new OrderServiceTest.Fraud(), f.ids, f.clock);
    final ReturnService returns = new ReturnService(f.tx, t -> TenantSettings.DEFAULTS, f.ids, f.clock);
    final ReturnSettlements settlements = new ReturnSettlements(returns, orders, refunds, f.clock);
    final Callbacks callbacks = new Callbacks();
    final ReturnSaga saga = new ReturnSaga(returns, settlements, f.inventory, f.repairs, callbacks, f.clock);

    static CommandContext ctx() { return CancellationFixture.ctx(null); }

    /** 2 x SKU-1 at 10.00, paid (captured) in full, both units shipped and delivered; a return of both asked back. */
    String openReturn(String refund) {
        Order o = anOrder().id(ORDER).line("SKU-1", 2, 1000).confirmed();
        o.state().children.add(new Parcel("ful_1", Map.of("line_1", 2L)));
        o.state().firstShippedAt = NOW;
        o.state().lastDeliveredAt = NOW;
        f.store(o);
        f.payments.authorized("pg_1", 2000, "GBP");
        paymentLinks.link(ctx(), ORDER, "pg_1", Money.of(2000, "GBP"), Map.of());
        paymentLinks.capture(ctx(), ORDER, "pg_1", null);
        return returns.create(ctx(), ORDER, new ReturnDraft(List.of(new ReturnDraft.Item("line_1", 2, "too_small")), "dropoff",
                refund, null, Map.of())).ret().id();
    }

    ReturnRequest ret(String id) { return f.load(ORDER).requireChild(ReturnRequest.class, id, "return.not_found"); }

    void receiveAndApprove(String id, String resolution) {
        returns.receive(ctx(), id, List.of(new ReturnDraft.Receipt("line_1", 2, "new", List.of())));
        returns.inspect(ctx(), id, List.of(new ReturnDraft.Decision("line_1", "approve", null, null, null, null)), resolution);
    }

    @Test
    void theWaitsAreCompletedByTheEventOrAtOnceWhenItAlreadyHappened() {
        String id = openReturn("refund_to_card");
        saga.start(TENANT, id);
        assertThat(saga.await(TENANT, id, ReturnSaga.RECEIPT, "tok-r").status()).isEqualTo("waiting");
        assertThat(callbacks.calls).isEmpty();
        assertThat(ret(id).awaiting()).isEqualTo("receipt");

        returns.receive(ctx(), id, List.of(new ReturnDraft.Receipt("line_1", 2, "new", List.of())));
        assertThat(saga.wake(TENANT, id).status()).isEqualTo("ready");
        assertThat(callbacks.calls).containsExactly("succeed tok-r received");

        returns.inspect(ctx(), id, List.of(new ReturnDraft.Decision("line_1", "approve", null, null, null, null)), null);
        callbacks.ended = true;
        ReturnSaga.Wait w = saga.await(TENANT, id, ReturnSaga.INSPECTION, "tok-i");
        assertThat(w.status()).isEqualTo("ready");
        assertThat(w.output()).containsEntry("outcome", "approved").containsEntry("resolution", "refund_to_card");
        assertThat(callbacks.calls).last().isEqualTo("succeed tok-i inspected");
    }

    @Test
    void anApprovedReturnIsRefundedOnceRestockedOnceAndClosed() {
        String id = openReturn("refund_to_card");
        receiveAndApprove(id, null);

        Map<String, Object> settled = saga.settle(TENANT, id, "refund_to_card");
        assertThat(settled).containsEntry("kind", "refund").containsEntry("amount", 2000L);
        assertThat(saga.settle(TENANT, id, "refund_to_card")).isEqualTo(settled);
        assertThat(f.payments.calls("refund")).hasSize(1);
        assertThat(ret(id).state()).isEqualTo(ReturnState.REFUNDED);

        saga.restock(TENANT, id);
        saga.restock(TENANT, id);
        assertThat(f.inventory.calls("restock")).singleElement().satisfies(c -> assertThat(c.request()).extracting("sku", "quantity")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SKU-1", 2L)));
        assertThat(saga.close(TENANT, id)).containsEntry("status", "closed");
        assertThat(f.load(ORDER).state().returnStatus).isEqualTo("returned");
        assertThat(f.eventTypes(ORDER)).contains("return.refunded", "return.closed");
    }

    @Test
    void storeCreditGoesToTheCustomersCredit() {
        String id = openReturn("store_credit");
        receiveAndApprove(id, null);
        assertThat(saga.settle(TENANT, id, "store_credit")).containsEntry("kind", "store_credit");
        assertThat(credit.byKey.values()).containsExactly(Money.of(2000, "GBP"));
        assertThat(f.payments.calls("refund")).isEmpty();
        assertThat(ret(id).settlement().reference()).startsWith("sc_");
    }

    @Test
    void anExchangeCreatesOneZeroPricedReplacement() {
        String id = openReturn("refund_to_card");
        receiveAndApprove(id, "exchange");
        failsWith(() -> settlements.issueRefund(ctx(), id, null), "return.exchange_requested");

        String replacement = (String) saga.settle(TENANT, id, "exchange").get("reference");
        Order o = f.load(replacement);
        assertThat(o.totals().total()).isZero();
        assertThat(o.state().metadata).containsEntry("exchange_for_return", id).containsEntry("original_order_id", ORDER);
        assertThat(o.lines()).singleElement().satisfies(l -> assertThat(l.quantity()).isEqualTo(2));
        assertThat(settlements.exchange(ctx(), id).ret().settlement().reference()).isEqualTo(replacement);
    }

    @Test
    void aRefusedRefundFailsTheStepAndParksTheReturnWhichOnlySettlingRepairs() {
        String id = openReturn("refund_to_card");
        receiveAndApprove(id, null);
        f.payments.refund(TENANT, "pg_1", Money.of(2000, "GBP"), "someone-else");

        DomainException e = failsWith(() -> saga.settle(TENANT, id, "refund_to_card"), "return.refund_failed");
        assertThat(ret(id).state()).isEqualTo(ReturnState.INSPECTED);
        saga.park(TENANT, id, "refund", e.getMessage());
        saga.park(TENANT, id, "refund", e.getMessage());
        assertThat(f.repairs.items.values()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo("return_failed");
            assertThat(i.cancellationId()).isEqualTo(id);
        });
        RepairItem item = f.repairs.items.values().iterator().next();
        RepairService repairs = new RepairService(f.repairs, f.service, f.tx, f.clock);
        failsWith(() -> repairs.retry(ctx(), item.id()), "repair.settle_return");
        failsWith(() -> repairs.force(ctx(), item.id(), "by hand"), "repair.settle_return");
        assertThat(ret(id).hasDone("saga.failed:refund")).isTrue();
    }

    @Test
    void aParkedReturnThatInspectionRejectsIsOverWithoutSettlement() {
        String id = openReturn("refund_to_card");
        returns.receive(ctx(), id, List.of(new ReturnDraft.Receipt("line_1", 2, "used", List.of())));
        saga.park(TENANT, id, "inspection_overdue", "States.Timeout");
        assertThat(saga.await(TENANT, id, ReturnSaga.SETTLEMENT, "tok-s").status()).isEqualTo("waiting");
        returns.inspect(ctx(), id, List.of(new ReturnDraft.Decision("line_1", "reject", null, null, null, "worn")), null);
        assertThat(saga.wake(TENANT, id).status()).isEqualTo("ready");
        saga.restock(TENANT, id);
        assertThat(f.inventory.calls("restock")).isEmpty();
        assertThat(saga.close(TENANT, id)).containsEntry("status", "closed");
        assertThat(f.repairs.items.values()).singleElement().satisfies(i -> {
            assertThat(i.state()).as("the parked return's repair item is resolved when it closes").isEqualTo("settled");
            assertThat(i.history()).singleElement().satisfies(h -> assertThat(h).containsEntry("action", "settled"));
        });
    }

    @Test
    void aWithdrawnOrExpiredReturnEndsTheWait() {
        String id = openReturn("refund_to_card");
        saga.await(TENANT, id, ReturnSaga.RECEIPT, "tok-r");
        returns.cancel(ctx(), id, "kept it");
        assertThat(saga.wake(TENANT, id).status()).isEqualTo("cancelled");
        assertThat(callbacks.calls).containsExactly("fail tok-r ReturnCancelled");

        String other = returns.create(ctx(), ORDER, new ReturnDraft(List.of(new ReturnDraft.Item("line_1", 1, "late")), "ship",
                "refund_to_card", null, Map.of())).ret().id();
        assertThat(saga.expire(TENANT, other)).containsEntry("status", "cancelled");
        assertThat(ret(other).cancelReason()).isEqualTo("not_received_in_time");
        failsWith(() -> returns.receive(ctx(), other, List.of(new ReturnDraft.Receipt("line_1", 1, "new", List.of()))), "return.invalid_transition");
    }

    @Test
    void anotherCustomersReturnIsNotFound() {
        String id = openReturn("refund_to_card");
        CommandContext stranger = new CommandContext(OrderServiceTest.CUSTOMER_2, null, null, null, null);
        failsWith(() -> returns.find(stranger, id), "return.not_found"); // the same answer as a missing one
        failsWith(() -> returns.find(ctx(), "ret_404"), "return.not_found");
    }
}
