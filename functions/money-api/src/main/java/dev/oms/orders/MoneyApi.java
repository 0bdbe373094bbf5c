package dev.oms.orders;

import dev.oms.app.DocumentService;
import dev.oms.app.InvoiceService;
import dev.oms.app.RefundService;
import dev.oms.platform.billing.MoneyServices;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.wiring.CoreServices;
import dev.oms.platform.wiring.RelayedPayments;
import dev.oms.platform.wiring.Once;
import java.time.Clock;

/** The composition root of the money API functions: refunds, invoices and credit notes, order documents; DynamoDB and S3. */
final class MoneyApi {
    private static final Once<MoneyApi> INSTANCE = Once.of(() -> new MoneyApi(RelayedPayments.attach(CoreServices.get())));

    final Clock clock;
    final IdempotencyStore idempotency;
    final RefundService refunds;
    final InvoiceService invoices;
    final DocumentService documents;

    private MoneyApi(CoreServices core) {
        clock = core.clock;
        idempotency = core.idempotency;
        MoneyServices money = new MoneyServices(core, dev.oms.platform.rendering.RelayedRenderer.fromEnvironment());
        refunds = money.refunds;
        invoices = money.invoices;
        documents = money.documents;
    }

    static MoneyApi get() { return INSTANCE.get(); }
}
