package dev.oms.app.connector.registry;

import dev.oms.app.CommandContext;
import dev.oms.app.FulfillOrderSteps;
import dev.oms.app.FulfillmentService;
import dev.oms.app.OrderTransactions;
import dev.oms.app.connector.FulfillmentProvider;
import dev.oms.app.reconciliation.PaymentReconciliations;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.ConnectorRunRecords;
import dev.oms.domain.order.Fulfillment;
import dev.oms.domain.order.Order;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a connector again for one order on demand ({@code POST /v1/admin/connectors/{id}/run}, issue 13): re-syncs what
 * the OMS holds with the system behind a port, through the use case that normally talks to it, under the same
 * idempotency key, so a run never makes a second order, label or payment at the vendor:
 * <ul>
 *   <li>{@code fulfillment_provider}: hands an open fulfilment to the provider again ({@code dispatch:<fulfilment>}, the
 *   fulfill-order saga's key);</li>
 *   <li>{@code payments}: reconciles a payment with the payment service ({@link PaymentReconciliations});</li>
 *   <li>{@code carrier}: asks the carrier for a shipment's tracking now and merges what is new.</li>
 * </ul>
 * Each run is recorded on the order ({@code order.connector_run}: port, operation, target, outcome).
 */
public final class ConnectorRuns {
    public static final List<String> PORTS = List.of("fulfillment_provider", "payments", "carrier");

    private final OrderTransactions tx;
    private final FulfillmentProvider provider;
    private final PaymentReconciliations payments;
    private final FulfillmentService fulfillments;
    private final Clock clock;

    public ConnectorRuns(OrderTransactions tx, FulfillmentProvider provider, PaymentReconciliations payments, FulfillmentService fulfillments, Clock clock) {
        this.tx = tx;
        this.provider = provider;
        this.payments = payments;
        this.fulfillments = fulfillments;
        this.clock = clock;
    }

    /** What a run did: the port, the operation, the order it was for and the outcome. */
    public record Run(String port, String operation, Order order, Map<String, Object> outcome) { }

    /** {@code target}: {@code fulfillment_id} (fulfilment provider), {@code order_id} and {@code payment_id} (payments), {@code shipment_id} (carrier). */
    public Run run(CommandContext ctx, String port, String orderId, String fulfillmentId, String paymentId, String shipmentId) {
        CommandContext each = ctx.onLatestVersion().withoutJournal();
        Map<String, Object> outcome = new LinkedHashMap<>();
        String operation;
        String forOrder;
        switch (port) {
            case "fulfillment_provider" -> {
                require(fulfillmentId, "fulfillment_id", port);
                forOrder = tx.orderIdOfChild(ctx, fulfillmentId, "fulfillment.not_found");
                Order o = tx.get(ctx, forOrder);
                Fulfillment f = o.requireChild(Fulfillment.class, fulfillmentId, "fulfillment.not_found");
                if (!f.status().isOpen()) {
                    throw DomainException.conflict("connector.run_not_applicable", "Fulfilment " + fulfillmentId + " is " + f.status().wire(),
                            "Only an open fulfilment is handed to the provider.").with("current_status", f.status().wire());
                }
                operation = "dispatch";
                var d = provider.dispatch(ctx.tenantId(), FulfillOrderSteps.dispatch(o, f), FulfillOrderSteps.dispatchKey(f));
                outcome.put("fulfillment_id", fulfillmentId);
                outcome.put("provider_reference", d.providerReference());
            }
            case "payments" -> {
                require(orderId, "order_id", port);
                require(paymentId, "payment_id", port);
                forOrder = orderId;
                operation = "reconcile";
                var r = payments.reconcile(each, orderId, paymentId, false);
                outcome.put("payment_id", paymentId);
                outcome.put("balanced", r.balanced());
                outcome.put("differences", r.differences().stream().map(x -> Map.of("field", x.field(), "action", x.action())).toList());
            }
            case "carrier" -> {
                require(shipmentId, "shipment_id", port);
                operation = "track";
                var v = fulfillments.tracking(each, shipmentId);
                forOrder = v.order().id();
                outcome.put("shipment_id", shipmentId);
                outcome.put("status", v.shipment().statusWire());
                outcome.put("refreshed", v.refreshed());
            }
            default -> throw DomainException.unprocessable("connector.run_not_supported", "The " + port + " connector has no run",
                    "Run one of " + PORTS + ".").with("ports", PORTS);
        }
        Order recorded = tx.mutate(ctx, forOrder, false, o -> {
            ConnectorRunRecords.record(o, port, operation, outcome, clock.instant());
            return o;
        });
        return new Run(port, operation, recorded, outcome);
    }

    private static void require(String value, String field, String port) {
        if (value == null) throw DomainException.invalidField(field, "field.required", "A " + port + " run names " + field);
    }
}
