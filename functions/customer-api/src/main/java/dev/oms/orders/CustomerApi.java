package dev.oms.orders;

import dev.oms.app.CancellationService;
import dev.oms.app.OrderService;
import dev.oms.app.ReturnService;
import dev.oms.app.customer.CustomerOrders;
import dev.oms.app.customer.CustomerSelfService;
import dev.oms.platform.config.Env;
import dev.oms.platform.dynamo.DynamoTenantSettings;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.dynamo.SingleTable;
import dev.oms.platform.http.Cursors;
import dev.oms.platform.wiring.CoreServices;
import dev.oms.platform.wiring.Once;
import java.time.Clock;

/**
 * The composition root of the customer API function (seed 001 section 1, part 1). It builds only canonical use cases
 * (orders, cancellations with their saga, returns; documents are presigned from the order's records) and the customer's orchestration of them
 * ({@link CustomerSelfService}, {@link CustomerOrders}); it keeps no order state of its own. It presigns document links with the SigV4 signer alone (no S3 or SNS client in this jar).
 */
final class CustomerApi {
    private static final Once<CustomerApi> INSTANCE = Once.of(() -> new CustomerApi(CoreServices.get()));

    final Clock clock;
    final IdempotencyStore idempotency;
    final SingleTable table;
    final Cursors cursors;
    final DynamoTenantSettings settings;
    final OrderService orders;
    /** The documents bucket: links to the order's documents are presigned for it ({@link dev.oms.platform.aws.SignedS3}). */
    final String documentsBucket;
    final dev.oms.app.AuditService audit;
    final CustomerSelfService selfService;
    final dev.oms.app.impersonation.ImpersonationConsents impersonationConsents;
    final dev.oms.app.privacy.ErasureRequests erasureRequests;
    final CustomerOrders customerOrders;

    private CustomerApi(CoreServices core) {
        clock = core.clock;
        idempotency = core.idempotency;
        table = core.table;
        cursors = Cursors.fromEnvironment();
        settings = core.settings;
        orders = core.orders;
        documentsBucket = Env.get("DOCUMENTS_BUCKET", "oms-documents");
        audit = core.audit;
        CancellationService cancellations = new CancellationService(core.transactions(), core.settings, core.payments, core.inventory,
                core.repairQueue, core.ids, core.clock);
        ReturnService returns = new ReturnService(core.transactions(), core.settings, core.ids, core.clock);
        impersonationConsents = new dev.oms.app.impersonation.ImpersonationConsents(
                new dev.oms.platform.dynamo.DynamoImpersonationConsents(core.table), core.ids, core.clock);
        erasureRequests = new dev.oms.app.privacy.ErasureRequests(new dev.oms.platform.dynamo.DynamoErasureRequests(core.table), core.ids, core.clock);
        selfService = new CustomerSelfService(core.transactions(), core.settings, cancellations, returns, core.ids, core.clock);
        customerOrders = new CustomerOrders(core.orders);
    }

    static CustomerApi get() { return INSTANCE.get(); }
}
