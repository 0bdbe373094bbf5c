package dev.oms.app;

import static dev.oms.DomainAssertions.failsWith;
import static dev.oms.domain.order.OrderMother.TENANT;
import static dev.oms.domain.order.OrderMother.anOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.oms.app.connector.CarrierService;
import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.InventoryService.SkuQuantity;
import dev.oms.app.port.SagaCallbacks;
import dev.oms.app.port.TenantSettingsStore.TenantSettings;
import dev.oms.domain.order.Address;
import dev.oms.domain.order.Fulfillment;
import dev.oms.domain.order.FulfillmentLine;
import dev.oms.domain.order.FulfillmentRequest;
import dev.oms.domain.order.FulfillmentStatus;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.ShipmentRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fulfilment use cases and the fulfill-order saga steps against in-memory fakes: reservations, carrier keys, callbacks. */
class FulfillmentServiceTest {
    static final String ORDER = "ord_1";

    /** A carrier that books deterministic numbers once per key and records every booking. */
    static final class FakeCarrier implements CarrierService {
        @Override public String refundLabel(String tenantId, String idempotencyKey) { return "not_applicable"; }
        @Override public Pickup schedulePickup(String tenantId, PickupRequest request, String key) { throw new UnsupportedOperationException(); }
        @Override public ScanForm scanForm(String tenantId, List<String> trackingNumbers, String key) { throw new UnsupportedOperationException(); }
        @Override public ScanForm scanFormStatus(String tenantId, String scanFormId) { throw new UnsupportedOperationException(); }
        final List<String> keys = new ArrayList<>();
        RuntimeException fail;

        @Override
        public Booking book(String tenantId, BookingRequest request, String idempotencyKey) {
            if (fail != null) throw fail;
            keys.add(idempotencyKey);
            List<String> numbers = new ArrayList<>();
            for (int i = 0; i < request.parcelWeights().size(); i++) numbers.add("T" + Math.abs(idempotencyKey.hashCode()) + "-" + i);
            return new Booking(request.carrier() == null ? "fake-post" : request.carrier(), "standard", numbers);
        }

        @Override public List<TrackingReport> tracking(String tenantId, String trackingNumber) { return List.of(); }

        @Override
        public ReturnLabel returnLabel(String tenantId, String rmaId, Address from, Address to, String idempotencyKey) {
            return new ReturnLabel("fake-post", "return", "R-" + rmaId);
        }
    }

    /** Records SendTaskSuccess / SendTaskFailure. */
    static final class RecordingCallbacks implements SagaCallbacks {
        final List<String> succeeded = new ArrayList<>();
        final List<String> failed = new ArrayList<>();
        @Override public void succeed(String taskToken, Map<String, Object> output) { succeeded.add(taskToken); }
        @Override public void fail(String taskToken, String error, String cause) { failed.add(taskToken + ":" + error); }
    }

    /** A 3PL that records what it was handed and stops what it has not shipped (unless {@code shipped}). */
    static final class FakeProvider implements dev.oms.app.connector.FulfillmentProvider {
        final Map<String, Dispatch> dispatched = new java.util.LinkedHashMap<>();
        final List<String> cancelled = new ArrayList<>();
        boolean shipped;

        @Override
        public Dispatched dispatch(String tenantId, Dispatch request, String idempotencyKey) {
            dispatched.putIfAbsent(idempotencyKey, request);
            return new Dispatched("3pl-" + request.fulfillmentId());
        }

        @Override
        public boolean cancel(String tenantId, String orderId, String fulfillmentId, String reason, String idempotencyKey) {
            if (shipped) return false;
            cancelled.add(idempotencyKey);
            return true;
        }

        @Override
        public Map<String, Long> availability(String tenantId, List<String> skus) { return Map.of(); }

        @Override
        public String probe(String tenantId, Dispatch sample) { return "ok"; }
    }

    CancellationFixture f;
    FakeProvider provider;
    FakeCarrier carrier;
    RecordingCallbacks callbacks;
    FulfillmentService service;
    FulfillOrderSteps steps;

    @BeforeEach
    void setUp() {
        f = new CancellationFixture();
        carrier = new FakeCarrier();
        callbacks = new RecordingCallbacks();
        service = new FulfillmentService(f.tx, t -> new TenantSettings(false, "before_shipment", true), f.inventory, carrier, callbacks, f.ids, f.clock);
        provider = new FakeProvider();
        steps = new FulfillOrderSteps(service, t -> TenantSettings.DEFAULTS, f.notifications, provider, callbacks, f.clock);
        f.store(anOrder().line("SKU-1", 3, 1000).confirmed());
    }

    static FulfillmentRequest req(long quantity) {
        return new FulfillmentRequest("wh_1", List.of(new FulfillmentLine("line_1", quantity, null, null)), "dhl", "express", null, null);
    }

    static CommandContext ctx() { return CancellationFixture.ctx(null); }

    static CommandContext pinned(long version) { return new CommandContext(CancellationFixture.AGENT, "corr", version, null, null); }

    Fulfillment fulfilment(String id) { return f.load(ORDER).child(Fulfillment.class, id).orElseThrow(); }

    @Test
    void creatingReservesTheUnitsUnderTheFulfilmentsKeyThenAllocatesThem() {
        Fulfillment created = service.create(ctx(), ORDER, req(2)).fulfillment();
        assertThat(f.inventory.calls).containsExactly(new FakeInventory.Call("reserve", ORDER, List.of(new SkuQuantity("SKU-1", 2)), created.id() + ":reserve"));
        assertThat(f.inventory.reservationsOf(ORDER)).containsOnly(entry("SKU-1", 2L));
        assertThat(fulfilment(created.id()).status()).isEqualTo(FulfillmentStatus.PENDING);
    }

    @Test
    void aWriteThatFailsGivesTheReservationBack() {
        failsWith(() -> service.create(pinned(99), ORDER, req(2)), "order.version_conflict");
        assertThat(f.inventory.calls("release")).hasSize(1);
        assertThat(f.inventory.reservationsOf(ORDER)).isEmpty();
        assertThat(f.load(ORDER).children(Fulfillment.class)).isEmpty();
    }

    @Test
    void aReservationThatFailsCreatesNothing() {
        f.inventory.failReserve = new ConnectorException("inventory", "reserve", "down");
        failsWith(() -> service.create(ctx(), ORDER, req(1)), "connector.unavailable");
        assertThat(f.load(ORDER).children(Fulfillment.class)).isEmpty();
    }

    @Test
    void overFulfilmentIsRefusedBeforeAnythingIsReserved() {
        failsWith(() -> service.create(ctx(), ORDER, req(4)), "fulfillment.quantity_exceeds_remaining");
        assertThat(f.inventory.calls).isEmpty();
    }

    @Test
    void cancellingReleasesOnceAndARefusedCancelReleasesNothing() {
        Fulfillment created = service.create(ctx(), ORDER, req(2)).fulfillment();
        failsWith(() -> service.cancel(pinned(1), ORDER, created.id(), "stale"), "order.version_conflict");
        assertThat(f.inventory.calls("release")).isEmpty();
        service.cancel(ctx(), ORDER, created.id(), "wrong warehouse");
        service.cancel(ctx(), ORDER, created.id(), "again");
        assertThat(f.inventory.calls("release")).extracting(FakeInventory.Call::idempotencyKey).containsExactly(created.id() + ":release");
        assertThat(f.inventory.reservationsOf(ORDER)).isEmpty();
        assertThat(fulfilment(created.id()).status()).isEqualTo(FulfillmentStatus.CANCELLED);
    }

    @Test
    void shippingWithoutTrackingBooksParcelsUnderAKeyOfTheFulfilments() {
        Fulfillment created = service.create(ctx(), ORDER, req(3)).fulfillment();
        ShipmentRequest ship = new ShipmentRequest(List.of(created.id()), null, null, List.of(), null, null, null);
        var shipped = service.ship(ctx(), ORDER, ship, java.util.Arrays.asList(500, 700));
        assertThat(carrier.keys).containsExactly("ship:" + created.id());
        assertThat(shipped.shipment().trackingNumbers()).hasSize(2);
        assertThat(shipped.shipment().carrier()).isEqualTo("dhl");
        assertThat(shipped.order().state().fulfillmentStatus).isEqualTo("fulfilled");
        failsWith(() -> service.ship(ctx(), ORDER, ship, java.util.Collections.singletonList(null)), "fulfillment.already_shipped");
        assertThat(carrier.keys).hasSize(1);
    }

    @Test
    void aCarrierThatFailsShipsNothing() {
        Fulfillment created = service.create(ctx(), ORDER, req(1)).fulfillment();
        carrier.fail = new ConnectorException("carrier", "book", "down");
        failsWith(() -> service.ship(ctx(), ORDER, new ShipmentRequest(List.of(created.id()), null, null, List.of(), null, null, null),
                java.util.Collections.singletonList(null)), "connector.unavailable");
        assertThat(fulfilment(created.id()).status()).isEqualTo(FulfillmentStatus.PENDING);
    }

    // ---- the saga's steps ----------------------------------------------------------------------------------------

    @Test
    void theSagaWaitsForTheShipmentAndIsToldWhenItShips() {
        steps.reserve(TENANT, ORDER, "ful_s", req(2));
        steps.create(TENANT, ORDER, "ful_s", req(2));
        steps.create(TENANT, ORDER, "ful_s", req(2));
        assertThat(f.load(ORDER).children(Fulfillment.class)).hasSize(1);
        assertThat(steps.awaitShipment(TENANT, ORDER, "ful_s", "token-1")).containsEntry("waiting", true);
        assertThat(callbacks.succeeded).isEmpty();
        service.ship(ctx(), ORDER, new ShipmentRequest(List.of("ful_s"), "dhl", "x", List.of("T-1"), null, null, null), List.of());
        assertThat(callbacks.succeeded).containsExactly("token-1");
        assertThat(steps.notifyCustomer(TENANT, ORDER, "ful_s")).containsEntry("sent", true);
        assertThat(steps.notifyCustomer(TENANT, ORDER, "ful_s")).containsEntry("sent", false);
        assertThat(f.notifications.sent).hasSize(1);
        assertThat(f.notifications.sent.get(0).body()).contains("T-1");
    }

    @Test
    void aTokenThatArrivesAfterTheShipmentCompletesTheWaitAtOnce() {
        steps.reserve(TENANT, ORDER, "ful_s", req(1));
        steps.create(TENANT, ORDER, "ful_s", req(1));
        service.ship(ctx(), ORDER, new ShipmentRequest(List.of("ful_s"), "dhl", "x", List.of("T-1"), null, null, null), List.of());
        assertThat(steps.awaitShipment(TENANT, ORDER, "ful_s", "token-late")).containsEntry("waiting", false);
        assertThat(callbacks.succeeded).containsExactly("token-late");
    }

    @Test
    void compensationReleasesWhatItReservedOnceAndCancelsTheFulfilment() {
        steps.reserve(TENANT, ORDER, "ful_s", req(2));
        steps.create(TENANT, ORDER, "ful_s", req(2));
        Map<String, Object> done = steps.compensate(TENANT, ORDER, "ful_s", req(2), true, "States.Timeout: too late");
        assertThat(done).containsEntry("shipped", false).containsEntry("cancelled", true).containsEntry("released", true);
        assertThat(f.inventory.reservationsOf(ORDER)).isEmpty();
        assertThat(fulfilment("ful_s").status()).isEqualTo(FulfillmentStatus.CANCELLED);
        // run again (a retried task): nothing more
        steps.compensate(TENANT, ORDER, "ful_s", req(2), true, "again");
        assertThat(f.inventory.calls("release")).hasSize(1);
    }

    @Test
    void compensationAfterAFailedReservationReleasesNothing() {
        Map<String, Object> done = steps.compensate(TENANT, ORDER, "ful_s", req(2), false, "no stock");
        assertThat(done).containsEntry("released", false).containsEntry("cancelled", false);
        assertThat(f.inventory.calls("release")).isEmpty();
    }

    @Test
    void aFulfilmentCancelledByHandIsNotReleasedTwiceAndAShippedOneIsLeftAlone() {
        steps.reserve(TENANT, ORDER, "ful_s", req(1));
        steps.create(TENANT, ORDER, "ful_s", req(1));
        steps.awaitShipment(TENANT, ORDER, "ful_s", "token-1");
        service.cancel(ctx(), ORDER, "ful_s", "collected in store");
        assertThat(callbacks.failed).containsExactly("token-1:FulfillmentCancelled");
        steps.compensate(TENANT, ORDER, "ful_s", req(1), true, "FulfillmentCancelled");
        assertThat(f.inventory.calls("release")).hasSize(1);

        steps.reserve(TENANT, ORDER, "ful_t", req(1));
        steps.create(TENANT, ORDER, "ful_t", req(1));
        service.ship(ctx(), ORDER, new ShipmentRequest(List.of("ful_t"), "dhl", "x", List.of("T-9"), null, null, null), List.of());
        assertThat(steps.compensate(TENANT, ORDER, "ful_t", req(1), true, "late")).containsEntry("shipped", true);
        assertThat(f.inventory.reservationsOf(ORDER)).containsOnly(entry("SKU-1", 1L));
    }

    @Test
    void theSagaRefusesWhatTheRulesRefuse() {
        failsWith(() -> steps.reserve(TENANT, ORDER, "ful_s", req(5)), "fulfillment.quantity_exceeds_remaining");
        Order o = f.load(ORDER);
        assertThat(o.children(Fulfillment.class)).isEmpty();
        service.create(ctx(), ORDER, req(1));
        failsWith(() -> steps.awaitShipment(TENANT, ORDER, f.load(ORDER).children(Fulfillment.class).get(0).id(), "t"), "fulfillment.not_saga");
    }

    @Test
    void theFulfilmentIsHandedToTheProviderOnceWithItsSkusAndAddress() {
        steps.reserve(TENANT, ORDER, "ful_p", req(2));
        assertThat(steps.create(TENANT, ORDER, "ful_p", req(2))).containsEntry("provider_reference", "3pl-ful_p");
        steps.create(TENANT, ORDER, "ful_p", req(2)); // a retried step
        assertThat(provider.dispatched).containsOnlyKeys("dispatch:ful_p");
        var d = provider.dispatched.get("dispatch:ful_p");
        assertThat(d.items()).containsExactly(new dev.oms.app.connector.FulfillmentProvider.Item("line_1", "SKU-1", 2));
        assertThat(d.warehouseId()).isEqualTo("wh_1");
        assertThat(d.carrierHint()).isEqualTo("dhl");
    }

    @Test
    void compensationAsksTheProviderToStopFirstAndLeavesWhatItShipped() {
        steps.reserve(TENANT, ORDER, "ful_p", req(1));
        steps.create(TENANT, ORDER, "ful_p", req(1));
        steps.awaitShipment(TENANT, ORDER, "ful_p", "token-p");
        provider.shipped = true;
        assertThat(steps.compensate(TENANT, ORDER, "ful_p", req(1), true, "States.Timeout")).containsEntry("left_to_provider", true)
                .containsEntry("shipped", false);
        Fulfillment left = f.load(ORDER).child(Fulfillment.class, "ful_p").orElseThrow();
        assertThat(left.status()).isNotEqualTo(FulfillmentStatus.CANCELLED);
        assertThat(left.taskToken()).as("nothing waits: the shipment is announced as any other").isNull();

        steps.create(TENANT, ORDER, "ful_q", req(1));
        provider.shipped = false;
        assertThat(steps.compensate(TENANT, ORDER, "ful_q", req(1), false, "States.Timeout")).containsEntry("cancelled", true);
        assertThat(provider.cancelled).containsExactly("cancel:ful_q");
        assertThat(f.load(ORDER).child(Fulfillment.class, "ful_q").orElseThrow().status()).isEqualTo(FulfillmentStatus.CANCELLED);
    }
}
