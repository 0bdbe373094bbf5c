package dev.oms.orders;

import dev.oms.app.FulfillmentService;
import dev.oms.app.ReturnService;
import dev.oms.app.ReturnSettlements;
import dev.oms.platform.billing.MoneyServices;
import dev.oms.platform.config.Env;
import dev.oms.platform.dynamo.IdempotencyStore;
import dev.oms.platform.labels.FulfilmentServices;
import dev.oms.platform.labels.ReturnLabels;
import dev.oms.platform.labels.ShipmentLabels;
import dev.oms.platform.storage.S3DocumentStorage;
import dev.oms.platform.wiring.CoreServices;
import dev.oms.platform.wiring.Once;
import java.time.Clock;

/**
 * The composition root of the warehouse shipping and receiving function (seed 003 sections 4 and 6 under
 * {@code /v1/fulfillment/}). It keeps no state of its own: a warehouse shipment is the order's shipment and a returns
 * intake record the order's return, so it builds the canonical fulfilment, label and return use cases over DynamoDB,
 * S3 and the connectors (carrier, payment service for the refunds of completed returns).
 */
final class WarehouseShippingApi {
    private static final Once<WarehouseShippingApi> INSTANCE = Once.of(() -> new WarehouseShippingApi(CoreServices.get()));

    final Clock clock;
    final IdempotencyStore idempotency;
    final FulfillmentService fulfillments;
    final ReturnService returns;
    final ReturnSettlements returnSettlements;
    final ReturnLabels returnLabels;
    final S3DocumentStorage documentStorage;
    /** The label job's renderer: renders a bought label now when the job has not yet (never buys one). */
    final ShipmentLabels shipmentLabels;

    private WarehouseShippingApi(CoreServices core) {
        clock = core.clock;
        idempotency = core.idempotency;
        MoneyServices money = new MoneyServices(core);
        documentStorage = money.documentStorage;
        FulfilmentServices f = new FulfilmentServices(core, money);
        fulfillments = f.fulfillments;
        returns = f.returns;
        returnSettlements = f.returnSettlements;
        returnLabels = f.returnLabels;
        shipmentLabels = new ShipmentLabels(fulfillments, documentStorage, Env.get("LABEL_SHIP_FROM", ShipmentLabels.DEFAULT_SHIP_FROM), core.clock);
    }

    static WarehouseShippingApi get() { return INSTANCE.get(); }
}
