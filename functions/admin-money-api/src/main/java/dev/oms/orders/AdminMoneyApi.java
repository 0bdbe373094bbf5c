package dev.oms.orders;

import dev.oms.app.FulfillmentService;
import dev.oms.app.OrderEditService;
import dev.oms.app.PaymentService;
import dev.oms.app.RefundService;
import dev.oms.app.ReturnService;
import dev.oms.app.ReturnSettlements;
import dev.oms.platform.billing.MoneyServices;
import dev.oms.platform.config.Env;
import dev.oms.platform.dynamo.DynamoEditQuoteStore;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.labels.FulfilmentServices;
import dev.oms.platform.labels.ReturnLabels;
import dev.oms.platform.labels.ShipmentLabels;
import dev.oms.platform.storage.S3DocumentStorage;
import dev.oms.platform.wiring.CoreServices;
import dev.oms.platform.wiring.RelayedPayments;
import dev.oms.platform.wiring.Once;
import java.time.Clock;

/**
 * The composition root of the admin API's edits, money, fulfilment and returns functions (seed 001 section 2). It
 * builds only the canonical use cases (the quote engine, payments, refunds, fulfilments, shipments, returns) and keeps
 * no order state of its own; DynamoDB, S3 and the connectors (payment service, carrier).
 */
final class AdminMoneyApi {
    private static final Once<AdminMoneyApi> INSTANCE = Once.of(() -> new AdminMoneyApi(RelayedPayments.attach(CoreServices.get())));

    final Clock clock;
    final IdempotencyStore idempotency;
    final OrderEditService edits;
    final dev.oms.app.PriceAdjustments adjustments;
    final PaymentService payments;
    final dev.oms.app.reconciliation.PaymentReconciliations reconciliations;
    final dev.oms.app.connector.registry.ConnectorRuns connectorRuns;
    final RefundService refunds;
    final FulfillmentService fulfillments;
    final dev.oms.app.warehouse.WarehouseFulfilments warehouseFulfilments;
    final dev.oms.app.warehouse.ShipmentSplits shipmentSplits;
    final ReturnService returns;
    final ReturnSettlements returnSettlements;
    final ReturnLabels returnLabels;
    final S3DocumentStorage documentStorage;
    /** Renders a shipment's label again (the label job's renderer: the same label, never a second one bought). */
    final ShipmentLabels shipmentLabels;

    private AdminMoneyApi(CoreServices core) {
        clock = core.clock;
        idempotency = core.idempotency;
        edits = new OrderEditService(core.transactions(), new DynamoEditQuoteStore(core.table), core.settings, core.payments, core.inventory,
                core.ids, core.clock);
        payments = new PaymentService(core.transactions(), core.payments, core.clock);
        reconciliations = new dev.oms.app.reconciliation.PaymentReconciliations(core.transactions(), core.payments, core.clock);
        MoneyServices money = new MoneyServices(core, dev.oms.platform.rendering.RelayedRenderer.fromEnvironment());
        refunds = money.refunds;
        adjustments = new dev.oms.app.PriceAdjustments(edits, refunds);
        documentStorage = money.documentStorage;
        FulfilmentServices f = new FulfilmentServices(core, money);
        fulfillments = f.fulfillments;
        warehouseFulfilments = new dev.oms.app.warehouse.WarehouseFulfilments(fulfillments, core.ids, core.clock);
        connectorRuns = new dev.oms.app.connector.registry.ConnectorRuns(core.transactions(),
                core.fulfillmentProvider(), reconciliations, fulfillments, core.clock);
        shipmentSplits = new dev.oms.app.warehouse.ShipmentSplits(core.transactions(), fulfillments, core.inventory,
                new dev.oms.platform.dynamo.DynamoWarehouseStore(core.table, core.ids),
                new dev.oms.app.warehouseops.RoutingRuleService(new dev.oms.platform.dynamo.DynamoWarehouseOps(core.table), core.ids, core.clock));
        returns = f.returns;
        returnSettlements = f.returnSettlements;
        returnLabels = f.returnLabels;
        shipmentLabels = new ShipmentLabels(fulfillments, documentStorage, money.renderer, Env.get("LABEL_SHIP_FROM", ShipmentLabels.DEFAULT_SHIP_FROM), core.clock);
    }

    static AdminMoneyApi get() { return INSTANCE.get(); }
}
