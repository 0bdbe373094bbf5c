package dev.oms.orders;

import dev.oms.app.FulfillmentService;
import dev.oms.app.ReturnService;
import dev.oms.app.ReturnSettlements;
import dev.oms.app.shipping.AsnService;
import dev.oms.app.shipping.ManifestService;
import dev.oms.app.shipping.QcService;
import dev.oms.app.shipping.ShipmentOperations;
import dev.oms.app.shipping.ShippingCommits;
import dev.oms.app.shipping.VendorShipmentService;
import dev.oms.domain.order.Address;
import dev.oms.platform.dynamo.DynamoShippingRecords;
import dev.oms.platform.http.Cursors;
import dev.oms.platform.jobs.Jobs;
import dev.oms.platform.billing.MoneyServices;
import dev.oms.platform.config.Env;
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
 * The composition root of the warehouse shipping and receiving function (seed 003 sections 4 and 6 under
 * {@code /v1/fulfillment/}). It keeps no state of its own: a warehouse shipment is the order's shipment and a returns
 * intake record the order's return, so it builds the canonical fulfilment, label and return use cases over DynamoDB,
 * S3 and the connectors (carrier, payment service for the refunds of completed returns). Manifests, QC inspections,
 * vendor shipments and ASNs are shipping records of their own ({@link DynamoShippingRecords}).
 */
final class WarehouseShippingApi {
    private static final Once<WarehouseShippingApi> INSTANCE = Once.of(() -> new WarehouseShippingApi(RelayedPayments.attach(CoreServices.get()), Jobs.get()));

    final Clock clock;
    final IdempotencyStore idempotency;
    final FulfillmentService fulfillments;
    final ReturnService returns;
    final ReturnSettlements returnSettlements;
    final ReturnLabels returnLabels;
    final S3DocumentStorage documentStorage;
    /** The label job's renderer: renders a bought label now when the job has not yet (never buys one). */
    final ShipmentLabels shipmentLabels;
    final Cursors cursors;
    final ShipmentOperations operations;
    final ManifestService manifests;
    final dev.oms.app.shipping.ShipmentCancellations cancellations;
    final QcService qc;
    final VendorShipmentService vendorShipments;
    final AsnService asns;
    final dev.oms.platform.webhooks.InboundWebhooks inbound;
    final dev.oms.app.shipping.CarrierTracking carrierTracking;
    /** Where {@code bulk-generate-labels} queues its {@code shipment_labels} job. */
    final Jobs jobs;

    private WarehouseShippingApi(CoreServices core, Jobs jobs) {
        this.jobs = jobs;
        clock = core.clock;
        idempotency = core.idempotency;
        MoneyServices money = new MoneyServices(core, dev.oms.platform.rendering.RelayedRenderer.fromEnvironment());
        documentStorage = money.documentStorage;
        FulfilmentServices f = new FulfilmentServices(core, money);
        fulfillments = f.fulfillments;
        returns = f.returns;
        returnSettlements = f.returnSettlements;
        returnLabels = f.returnLabels;
        String shipFrom = Env.get("LABEL_SHIP_FROM", ShipmentLabels.DEFAULT_SHIP_FROM);
        shipmentLabels = new ShipmentLabels(fulfillments, documentStorage, money.renderer, shipFrom, core.clock);
        cursors = Cursors.fromEnvironment();
        operations = new ShipmentOperations(fulfillments, core.audit, f.carrier, warehouseAddress(shipFrom), core.clock);
        ShippingCommits commits = new ShippingCommits(new DynamoShippingRecords(core.table, core.ids), core.clock);
        manifests = new ManifestService(commits, fulfillments, f.carrier, documentStorage, new dev.oms.platform.labels.ManifestPdfs(money.renderer),
                new dev.oms.platform.dynamo.DynamoDeadlines(core.table), new dev.oms.platform.dynamo.DynamoWarehouseStore(core.table, core.ids), core.ids, core.clock);
        cancellations = new dev.oms.app.shipping.ShipmentCancellations(fulfillments, manifests, f.carrier, core.clock);
        qc = new QcService(commits, core.transactions(), core.ids, core.clock);
        vendorShipments = new VendorShipmentService(commits, returns, f.carrier, core.ids, core.clock);
        asns = new AsnService(commits, fulfillments, core.ids, core.clock);
        inbound = new dev.oms.platform.webhooks.InboundWebhooks(new dev.oms.platform.webhooks.DynamoInboundSecrets(core.table)::get, core.clock);
        carrierTracking = new dev.oms.app.shipping.CarrierTracking(fulfillments, core.labelPurchases,
                new dev.oms.platform.dynamo.DynamoUnmatchedTracking(core.table, core.ids), commits);
    }

    /** The warehouse the carrier collects from: {@code LABEL_SHIP_FROM}, {@code name|street|city|postal code|country}. */
    static Address warehouseAddress(String spec) {
        String[] p = spec.split("\\|", -1);
        return new Address(p[0], null, p.length > 1 ? p[1] : null, null, p.length > 2 ? p[2] : null, null, p.length > 3 ? p[3] : null,
                p.length > 4 ? p[4] : null, null, null);
    }

    static WarehouseShippingApi get() { return INSTANCE.get(); }
}
