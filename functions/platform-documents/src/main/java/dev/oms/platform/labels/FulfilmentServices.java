package dev.oms.platform.labels;

import dev.oms.app.FulfillmentService;
import dev.oms.app.connector.CarrierService;
import dev.oms.app.ReturnService;
import dev.oms.app.ReturnSettlements;
import dev.oms.platform.aws.AwsClients;
import dev.oms.platform.config.Env;
import dev.oms.platform.connectors.SandboxCarrier;
import dev.oms.platform.billing.MoneyServices;
import dev.oms.platform.messaging.SfnSagaCallbacks;
import dev.oms.platform.wiring.CoreServices;

/**
 * Fulfilments (with the carrier and the Step Functions callbacks of the sagas that wait on them) and returns (with
 * their settlement through refunds and their carrier labels), for the composition roots that serve them. The carrier
 * goes through the connector registry; its local default is {@link SandboxCarrier}.
 */
public final class FulfilmentServices {
    /** The carrier's local default (the local runtime plays carrier events on its parcels). */
    public final SandboxCarrier sandboxCarrier;
    public final CarrierService carrier;
    public final SfnSagaCallbacks sagaCallbacks;
    public final FulfillmentService fulfillments;
    public final ReturnService returns;
    public final ReturnSettlements returnSettlements;
    public final ReturnLabels returnLabels;

    public FulfilmentServices(CoreServices core, MoneyServices money) {
        sandboxCarrier = new SandboxCarrier(core.table, core.clock);
        carrier = core.carrier(sandboxCarrier);
        sagaCallbacks = new SfnSagaCallbacks();
        fulfillments = new FulfillmentService(core.transactions(), core.settings, core.inventory, carrier, sagaCallbacks, core.ids, core.clock);
        returns = new ReturnService(core.transactions(), core.settings, core.ids, core.clock);
        returnSettlements = new ReturnSettlements(returns, core.orders, money.refunds, core.clock);
        returnLabels = new ReturnLabels(returns, carrier, money.documentStorage, core.settings,
                Env.get("LABEL_SHIP_FROM", ShipmentLabels.DEFAULT_SHIP_FROM), core.clock, money.renderer);
    }
}
