package dev.oms.orders;

import dev.oms.app.CancellationService;
import dev.oms.app.OrderService;
import dev.oms.app.RepairService;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.dynamo.SagaStartGuards;
import dev.oms.platform.http.Cursors;
import dev.oms.platform.wiring.CoreServices;
import dev.oms.platform.wiring.RelayedPayments;
import dev.oms.platform.wiring.Once;
import java.time.Clock;

/**
 * The composition root of the cancellation, repair and order edit API functions (seed 000 sections 3 and 6): the
 * cancellation use case (its customer notice
 * goes through SNS, whose client is built on the first notice) and the repair queue, which retries cancellations and
 * re-arms lost saga starts; edits by quote and order replacement (which cancels through the cancellation use case).
 */
final class CancellationsApi {
    private static final Once<CancellationsApi> INSTANCE = Once.of(() -> new CancellationsApi(RelayedPayments.attach(CoreServices.get())));

    final Clock clock;
    final IdempotencyStore idempotency;
    final Cursors cursors;
    final OrderService orders;
    final CancellationService cancellations;
    final RepairService repairs;
    // ---- issue 11: order edits by quote and order replacement (OrderEditsHandler) ----
    final dev.oms.app.OrderEditService orderEdits;
    final dev.oms.app.OrderReplacements orderReplacements;

    private CancellationsApi(CoreServices core) {
        clock = core.clock;
        idempotency = core.idempotency;
        cursors = Cursors.fromEnvironment();
        orders = core.orders;
        cancellations = new CancellationService(core.transactions(), core.settings, core.payments, core.inventory,
                core.repairQueue, core.ids, core.clock);
        repairs = new RepairService(core.repairQueue, cancellations, core.transactions(), core.clock);
        repairs.useSagaRestarts(new SagaStartGuards(core.table, core.clock)::rearm);
        // ---- issue 11: order edits by quote and order replacement ----
        orderEdits = new dev.oms.app.OrderEditService(core.transactions(), new dev.oms.platform.dynamo.DynamoEditQuoteStore(core.table),
                core.settings, core.payments, core.inventory, core.ids, core.clock);
        orderReplacements = new dev.oms.app.OrderReplacements(core.transactions(), core.repository, cancellations, core.ids, core.clock);
    }

    static CancellationsApi get() { return INSTANCE.get(); }
}
