package dev.oms.app;

import static dev.oms.DomainAssertions.failsWith;
import static dev.oms.app.CancellationFixture.ctx;
import static dev.oms.domain.order.OrderMother.NOW;
import static dev.oms.domain.order.OrderMother.TENANT;
import static dev.oms.domain.order.OrderMother.anOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.oms.app.port.PageRequest;
import dev.oms.app.port.RepairItem;
import dev.oms.app.security.Caller;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Cancellation;
import dev.oms.domain.order.Hold;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RepairServiceTest {
    private static final String ORDER = "ord_1";
    private static final String REASON = "customer changed their mind";
    private static final Caller SUPERVISOR = OrderServiceTest.SUPERVISOR;
    private static final Instant LATER = NOW.plus(Duration.ofHours(2));

    CancellationFixture f;
    RepairService repairs;

    @BeforeEach
    void setUp() {
        f = new CancellationFixture();
        repairs = new RepairService(f.repairs, f.service, f.tx, f.clock);
        f.payments.captured("pay_1", 2949, "GBP");
        f.store(anOrder().line("SKU-1", 2, 1000).line("SKU-2", 1, 550).shipping(399).payment("pay_1", 2949, "captured").confirmed());
        f.inventory.reserved(ORDER, "SKU-1", 2);
        f.inventory.reserved(ORDER, "SKU-2", 1);
    }

    /** A cancellation that failed at settle_payments and was compensated: rep_1 is open, the order is on hold. */
    void failedFull(boolean refund, boolean restock) {
        f.service.cancel(ctx(REASON), ORDER, refund, restock);
        f.service.releaseReservations(TENANT, ORDER, "can_1");
        f.service.compensate(TENANT, ORDER, "can_1", "payments.settled", "payment service down");
        f.clock.now = LATER;
    }

    void failedPartial() {
        f.service.cancelLines(ctx(REASON), ORDER, List.of(new Cancellation.LineQuantity("line_1", 1)), true, false);
        f.service.compensate(TENANT, ORDER, "can_1", "inventory.released", "inventory down");
        f.clock.now = LATER;
    }

    static CommandContext by(Caller caller) { return new CommandContext(caller, "corr-9", null, null, null); }

    @Test
    void theFailedCancellationIsOpenInTheQueue() {
        failedFull(true, true);
        RepairItem item = repairs.get(by(SUPERVISOR), "rep_1");
        assertThat(item.state()).isEqualTo("open");
        assertThat(item.orderId()).isEqualTo(ORDER);
        assertThat(item.cancellationId()).isEqualTo("can_1");
        assertThat(repairs.list(by(SUPERVISOR), null, new PageRequest(null, 50)).items()).containsExactly(item);
        assertThat(repairs.list(by(SUPERVISOR), "skipped", new PageRequest(null, 50)).items()).isEmpty();
    }

    // ---- retry ------------------------------------------------------------------------------------------------------

    @Test
    void retryOfASagaStartTheSweeperParkedPutsItBackInTheSweepAndForceIsRefused() {
        f.repairs.open(new RepairItem("rep_start_ful_1", TENANT, ORDER, "ful_1", RepairService.SAGA_NOT_STARTED, "start",
                "The fulfillment.requested saga did not start after 5 attempts: AccessDenied", "open", NOW, NOW, 1, List.of()));
        failsWith(() -> repairs.force(by(SUPERVISOR), "rep_start_ful_1", "by hand"), "repair.saga_not_started");
        failsWith(() -> repairs.retry(by(SUPERVISOR), "rep_start_ful_1"), "repair.saga_not_started"); // nothing wired to re-arm

        java.util.List<String> rearmed = new java.util.ArrayList<>();
        repairs.useSagaRestarts((tenant, subject) -> rearmed.add(tenant + "/" + subject));
        RepairService.Outcome out = repairs.retry(by(SUPERVISOR), "rep_start_ful_1");
        assertThat(rearmed).containsExactly(TENANT + "/ful_1");
        assertThat(out.newCancellation()).isNull();
        assertThat(out.item().state()).isEqualTo("retried");
        assertThat(out.item().history().get(0)).containsEntry("action", "retried").containsKey("note");
        assertThat(out.order().id()).isEqualTo(ORDER);
    }

    @Test
    void retryRequestsTheSameCancellationAgainAndMarksTheItemRetried() {
        failedFull(true, false);

        RepairService.Outcome out = repairs.retry(by(SUPERVISOR), "rep_1");

        Cancellation again = out.newCancellation();
        assertThat(again.id()).isEqualTo("can_2");
        assertThat(again.scope()).isEqualTo(Cancellation.FULL);
        assertThat(again.refund()).isTrue();
        assertThat(again.restock()).isFalse();
        assertThat(again.reason()).isEqualTo(REASON);
        assertThat(again.requestedBy()).isEqualTo("super_1");
        assertThat(again.requestedAt()).isEqualTo(LATER);
        assertThat(again.state()).isEqualTo(Cancellation.State.REQUESTED);
        assertThat(again.previousStatus()).isEqualTo(OrderStatus.ON_HOLD);
        assertThat(out.order().status()).isEqualTo(OrderStatus.CANCELLING);

        Order stored = f.load(ORDER);
        assertThat(stored.status()).isEqualTo(OrderStatus.CANCELLING);
        assertThat(stored.openCancellation().id()).isEqualTo("can_2");
        assertThat(stored.cancellation("can_1").state()).isEqualTo(Cancellation.State.COMPENSATED);
        var requested = f.repo.events.get(f.repo.events.size() - 1);
        assertThat(requested.event().type()).isEqualTo("order.cancellation_requested");
        assertThat(requested.event().reason()).isEqualTo(REASON);
        assertThat(requested.meta().actor().id()).isEqualTo("super_1");

        RepairItem item = out.item();
        assertThat(item.state()).isEqualTo("retried");
        assertThat(item.version()).isEqualTo(2);
        assertThat(item.updatedAt()).isEqualTo(LATER);
        assertThat(item.createdAt()).isEqualTo(NOW);
        assertThat(item.history()).containsExactly(Map.of("new_cancellation_id", "can_2", "action", "retried",
                "actor_id", "super_1", "at", LATER.toString()));
        assertThat(f.repairs.find(TENANT, "rep_1")).contains(item);
        assertThat(repairs.list(by(SUPERVISOR), "open", new PageRequest(null, 50)).items()).isEmpty();
        assertThat(repairs.list(by(SUPERVISOR), "retried", new PageRequest(null, 50)).items()).containsExactly(item);

        // the new run can complete: the order ends cancelled and the failure hold goes with the others
        f.runForward(ORDER, "can_2");
        assertThat(f.load(ORDER).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(f.load(ORDER).holds()).isEmpty();
        assertThat(f.payments.moneyCalls()).extracting(FakePayments.Call::idempotencyKey).containsExactly("can_2:pay_1");
    }

    @Test
    void retryOfAPartialCancellationAsksForTheSameLines() {
        failedPartial();
        RepairService.Outcome out = repairs.retry(by(SUPERVISOR), "rep_1");
        assertThat(out.newCancellation().scope()).isEqualTo(Cancellation.PARTIAL);
        assertThat(out.newCancellation().lines()).containsExactly(new Cancellation.LineQuantity("line_1", 1));
        assertThat(out.newCancellation().refundAmount()).isEqualTo(1000);
        assertThat(out.newCancellation().restock()).isFalse();
        assertThat(out.item().history().get(0)).containsEntry("new_cancellation_id", "can_2");
    }

    @Test
    void retryFollowsTheTenantPolicyOfToday() {
        failedFull(true, true);
        f.cancellationPolicy = "before_confirmation";
        failsWith(() -> repairs.retry(by(SUPERVISOR), "rep_1"), "order.blocked.cancellation_policy");
        assertThat(f.repairs.find(TENANT, "rep_1").orElseThrow().state()).isEqualTo("open");
    }

    @Test
    void anItemCanBeRetriedOnce() {
        failedFull(true, true);
        repairs.retry(by(SUPERVISOR), "rep_1");
        DomainException e = failsWith(() -> repairs.retry(by(SUPERVISOR), "rep_1"), "repair.not_open");
        assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
        assertThat(e.getMessage()).contains("retried");
        assertThat(f.load(ORDER).state().cancellations).hasSize(2);
    }

    // ---- skip -------------------------------------------------------------------------------------------------------

    @Test
    void skipClosesTheItemAndLeavesTheOrderAsItIs() {
        failedFull(true, true);
        Order before = f.load(ORDER);

        RepairService.Outcome out = repairs.skip(by(SUPERVISOR), "rep_1", "customer wants to keep the order");

        assertThat(out.newCancellation()).isNull();
        assertThat(out.item().state()).isEqualTo("skipped");
        assertThat(out.item().history()).containsExactly(Map.of("note", "customer wants to keep the order", "action", "skipped",
                "actor_id", "super_1", "at", LATER.toString()));
        Order after = f.load(ORDER);
        assertThat(after.status()).isEqualTo(OrderStatus.ON_HOLD).isEqualTo(before.status());
        assertThat(after.holds()).extracting(Hold::type).containsExactly("cancellation_failed");
        assertThat(after.cancellation("can_1").state()).isEqualTo(Cancellation.State.COMPENSATED);
        assertThat(after.version()).isEqualTo(before.version() + 1);
        var noted = f.repo.events.get(f.repo.events.size() - 1);
        assertThat(noted.event().type()).isEqualTo("order.repair_skipped");
        assertThat(noted.event().data()).containsExactly(entry("repair_id", "rep_1"), entry("action", "skipped"),
                entry("note", "customer wants to keep the order"));
        assertThat(noted.meta().actor().id()).isEqualTo("super_1");
        assertThat(f.repairs.find(TENANT, "rep_1").orElseThrow().state()).isEqualTo("skipped");
    }

    @Test
    void skipWithoutANote() {
        failedFull(true, true);
        RepairService.Outcome out = repairs.skip(by(SUPERVISOR), "rep_1", null);
        assertThat(out.item().history().get(0)).doesNotContainKey("note").containsEntry("action", "skipped");
        assertThat(f.repo.events.get(f.repo.events.size() - 1).event().data()).doesNotContainKey("note");
    }

    @Test
    void skipAndForceNeedAnOpenItem() {
        failedFull(true, true);
        repairs.skip(by(SUPERVISOR), "rep_1", "keep it");
        long version = f.load(ORDER).version();

        failsWith(() -> repairs.skip(by(SUPERVISOR), "rep_1", "again"), "repair.not_open");
        failsWith(() -> repairs.force(by(SUPERVISOR), "rep_1", "settled by hand"), "repair.not_open");
        failsWith(() -> repairs.retry(by(SUPERVISOR), "rep_1"), "repair.not_open");

        assertThat(f.load(ORDER).version()).isEqualTo(version);
        assertThat(f.load(ORDER).status()).isEqualTo(OrderStatus.ON_HOLD);
        assertThat(f.repairs.find(TENANT, "rep_1").orElseThrow().history()).hasSize(1);
    }

    // ---- force ------------------------------------------------------------------------------------------------------

    @Test
    void forceCancelsTheOrderWithoutCallingAnyService() {
        failedFull(true, true);
        int paymentCalls = f.payments.calls.size();
        int inventoryCalls = f.inventory.calls.size();

        RepairService.Outcome out = repairs.force(by(SUPERVISOR), "rep_1", "refunded by hand");

        assertThat(out.order().status()).isEqualTo(OrderStatus.CANCELLED);
        Order stored = f.load(ORDER);
        assertThat(stored.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(stored.holds()).isEmpty();
        assertThat(stored.state().cancelledAt).isEqualTo(LATER);
        assertThat(stored.cancellation("can_1").state()).isEqualTo(Cancellation.State.COMPLETED);
        assertThat(f.eventTypes(ORDER)).endsWith("order.cancellation_forced", "order.cancelled");
        assertThat(f.repo.events.get(f.repo.events.size() - 1).meta().actor().id()).isEqualTo("super_1");
        assertThat(out.item().state()).isEqualTo("forced");
        assertThat(out.item().history()).containsExactly(Map.of("note", "refunded by hand", "action", "forced",
                "actor_id", "super_1", "at", LATER.toString()));
        assertThat(f.payments.calls).hasSize(paymentCalls);
        assertThat(f.inventory.calls).hasSize(inventoryCalls);
    }

    @Test
    void forceOfAPartialCancellationTakesTheUnitsOff() {
        failedPartial();
        RepairService.Outcome out = repairs.force(by(SUPERVISOR), "rep_1", "done by hand");
        Order stored = f.load(ORDER);
        assertThat(stored.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(stored.holds()).isEmpty();
        assertThat(stored.line("line_1").quantity()).isEqualTo(1);
        assertThat(stored.totals().total()).isEqualTo(1949);
        assertThat(out.item().state()).isEqualTo("forced");
    }

    @Test
    void forceOfAParkedCancellationThatIsStillOpen() {
        f.service.cancel(ctx(REASON), ORDER, true, true);
        f.service.parkForRepair(TENANT, ORDER, "can_1", "payments.settled", "table unavailable");
        RepairService.Outcome out = repairs.force(by(SUPERVISOR), "rep_1", null);
        assertThat(f.load(ORDER).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(out.item().history().get(0)).doesNotContainKey("note").containsEntry("action", "forced");
    }

    @Test
    void aForcedItemIsNoLongerOpen() {
        failedFull(true, true);
        repairs.force(by(SUPERVISOR), "rep_1", "x");
        failsWith(() -> repairs.force(by(SUPERVISOR), "rep_1", "x"), "repair.not_open");
        failsWith(() -> repairs.skip(by(SUPERVISOR), "rep_1", "x"), "repair.not_open");
    }

    // ---- not found --------------------------------------------------------------------------------------------------

    @Test
    void anUnknownItemIsNotFound() {
        failedFull(true, true);
        for (var call : List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(
                () -> repairs.get(by(SUPERVISOR), "rep_9"),
                () -> repairs.retry(by(SUPERVISOR), "rep_9"),
                () -> repairs.skip(by(SUPERVISOR), "rep_9", "x"),
                () -> repairs.force(by(SUPERVISOR), "rep_9", "x"))) {
            DomainException e = failsWith(call, "repair.not_found");
            assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
        }
        assertThat(f.repairs.find(TENANT, "rep_1").orElseThrow().state()).isEqualTo("open");
    }

    @Test
    void anotherTenantsItemIsNotFound() {
        failedFull(true, true);
        failsWith(() -> repairs.force(by(OrderServiceTest.OTHER_TENANT_ADMIN), "rep_1", "x"), "repair.not_found");
        assertThat(f.load(ORDER).status()).isEqualTo(OrderStatus.ON_HOLD);
    }
}
