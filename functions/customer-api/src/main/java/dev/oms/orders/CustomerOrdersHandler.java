package dev.oms.orders;

import static dev.oms.app.security.Permission.ORDERS_READ;
import static dev.oms.platform.http.Route.get;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.DocumentService;
import dev.oms.app.customer.CustomerOrders;
import dev.oms.app.customer.CustomerSelfService;
import dev.oms.app.port.OrderFilter;
import dev.oms.app.port.Page;
import dev.oms.app.port.StoredEvent;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.Invoice;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderDocument;
import dev.oms.domain.order.OrderNotes;
import dev.oms.domain.order.OrderStatus;
import dev.oms.domain.order.Shipment;
import dev.oms.platform.aws.SignedS3;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Pages;
import dev.oms.platform.http.Route;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Seed 001 section 1, reading: the customer's own orders (list, one with {@code expand}, its timeline), shipments and
 * tracking, the shipping label, invoice and documents as short-lived presigned links, returns, and the customer's metrics. Every
 * order is read through the order use case as the caller may see it, so another customer's or tenant's order (or
 * shipment, parcel, document) is the same 404 as a missing one.
 */
public final class CustomerOrdersHandler extends dev.oms.platform.http.ApiHandler {
    private final CustomerApi p;
    private final Routes routes;

    public CustomerOrdersHandler() { this(CustomerApi.get()); }

    CustomerOrdersHandler(CustomerApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                customer(get("/v1/customer/orders", this::list)),
                customer(get("/v1/customer/orders/metrics", this::metrics)),
                customer(get("/v1/customer/orders/{orderId}", this::read)),
                customer(get("/v1/customer/orders/{orderId}/timeline", this::timeline)),
                customer(get("/v1/customer/orders/{orderId}/shipments", this::shipments)),
                customer(get("/v1/customer/shipments/{trackingNumber}/track", this::track)),
                customer(get("/v1/customer/orders/{orderId}/label/{shipmentId}", this::label)),
                customer(get("/v1/customer/orders/{orderId}/invoice", this::invoice)),
                customer(get("/v1/customer/orders/{orderId}/documents", this::documents)),
                customer(get("/v1/customer/returns/{rmaId}", this::ret)));
    }

    private static Route customer(Route r) { return CustomerOnly.route(r, ORDERS_READ); }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse list(ApiRequest r) {
        String status = r.query("status");
        if (status != null && !OrderStatus.isWire(status)) throw DomainException.invalidField("status", "field.not_allowed", "Unknown status " + status);
        String channel = r.query("channel");
        OrderFilter filter = new OrderFilter(status, r.caller().customerId(), channel, r.instantQuery("from"), r.instantQuery("to"), null, true);
        String fingerprint = "customer-orders|" + filter + "|" + r.caller().subject();
        Page<Order> page = p.orders.list(r.command(), filter, r.page(p.cursors, fingerprint));
        return Pages.render(page, CustomerViews::summary, p.cursors, fingerprint);
    }

    private ApiResponse read(ApiRequest r) {
        Set<String> expand = expand(r.query("expand"));
        CustomerSelfService.View v = p.selfService.view(r.command(), r.pathParam("orderId"));
        Order o = v.order();
        ObjectNode x = CustomerViews.order(o, v.availability());
        if (expand.contains("lines")) x.set("lines", CustomerViews.lines(o));
        if (expand.contains("shipments")) x.set("shipments", CustomerViews.shipments(o));
        if (expand.contains("invoices")) x.set("invoices", CustomerViews.invoices(o));
        if (expand.contains("events")) {
            ArrayNode events = x.putArray("events");
            for (StoredEvent e : p.audit.timeline(r.command(), o.id(), new dev.oms.app.port.PageRequest(null, 200)).items()) {
                ObjectNode entry = CustomerViews.timelineEntry(e);
                if (entry != null) events.add(entry);
            }
        }
        return ApiResponse.ok(x).withVersion(o.version());
    }

    private static Set<String> expand(String value) {
        if (value == null) return Set.of();
        Set<String> out = new LinkedHashSet<>(Arrays.asList(value.split(",")));
        for (String v : out) {
            if (!CustomerViews.EXPANDABLE.contains(v)) {
                throw DomainException.invalidField("expand", "field.not_allowed", "Unknown expand value " + v + "; allowed: "
                        + CustomerViews.EXPANDABLE.stream().sorted().toList());
            }
        }
        return out;
    }

    /** The customer's timeline: a page of the order's events, only those a customer sees (a page may hold fewer than limit). */
    private ApiResponse timeline(ApiRequest r) {
        String orderId = r.pathParam("orderId");
        String fingerprint = "customer-timeline|" + orderId;
        Page<StoredEvent> page = p.audit.timeline(r.command(), orderId, r.page(p.cursors, fingerprint));
        List<ObjectNode> visible = page.items().stream().map(CustomerViews::timelineEntry).filter(Objects::nonNull).toList();
        return Pages.render(new Page<>(visible, page.nextPosition()), x -> x, p.cursors, fingerprint);
    }

    private ApiResponse shipments(ApiRequest r) {
        Order o = p.orders.get(r.command(), r.pathParam("orderId"));
        ObjectNode x = Json.object();
        x.set("data", CustomerViews.shipments(o));
        return ApiResponse.ok(x).withVersion(o.version());
    }

    private ApiResponse track(ApiRequest r) {
        String number = r.pathParam("trackingNumber");
        if (!number.matches("[A-Za-z0-9-]{1,28}")) throw DomainException.invalidField("trackingNumber", "field.not_allowed", "A tracking number has 1 to 28 letters, digits or dashes");
        CustomerOrders.Parcel found = p.customerOrders.findByTrackingNumber(r.command(), number);
        ObjectNode x = CustomerViews.shipment(found.order(), found.shipment(), true);
        x.put("tracking_number", number);
        return ApiResponse.ok(x);
    }

    private ApiResponse label(ApiRequest r) {
        Order o = p.orders.get(r.command(), r.pathParam("orderId"));
        Shipment s = o.requireChild(Shipment.class, r.pathParam("shipmentId"), "shipment.not_found");
        if (s.labelDocumentId() == null) {
            throw DomainException.conflict("label.not_ready", "The label of shipment " + s.id() + " is not ready yet", "Try again in a moment.");
        }
        OrderDocument d = o.requireChild(OrderDocument.class, s.labelDocumentId(), "document.not_found");
        if (!d.isAvailable()) throw DomainException.conflict("label.not_ready", "The label of shipment " + s.id() + " is not ready yet", "Try again in a moment.");
        ObjectNode x = presigned(d);
        x.put("shipment_id", s.id());
        return ApiResponse.ok(x).withHeader("cache-control", "no-store");
    }

    /** The order's invoice (the latest that is not void), its PDF link, and the credit notes issued since. */
    private ApiResponse invoice(ApiRequest r) {
        Order o = p.orders.get(r.command(), r.pathParam("orderId"));
        Invoice invoice = null;
        List<Invoice> credits = new ArrayList<>();
        for (Invoice i : o.children(Invoice.class)) {
            if (i.isCreditNote()) credits.add(i);
            else if (!Invoice.VOID.equals(i.status())) invoice = i;
        }
        if (invoice == null) throw DomainException.notFound("invoice.not_found", "Order " + o.id() + " has no invoice yet");
        ObjectNode x = CustomerViews.invoice(o, invoice);
        OrderDocument pdf = invoice.documentId() == null ? null : o.child(OrderDocument.class, invoice.documentId()).filter(OrderDocument::isAvailable).orElse(null);
        x.put("pdf_url", pdf == null ? null : SignedS3.presignGet(p.documentsBucket, pdf.storageKey(), pdf.fileName(), DocumentService.DOWNLOAD_TTL));
        x.put("pdf_expires_at", pdf == null ? null : Times.format(p.clock.instant().plus(DocumentService.DOWNLOAD_TTL)));
        ArrayNode notes = x.putArray("credit_notes");
        for (Invoice c : credits) notes.add(CustomerViews.invoice(o, c));
        return ApiResponse.ok(x).withHeader("cache-control", "no-store");
    }

    /** The customer's documents: available ones only, never an internal note's attachment; each with a presigned link. */
    private ApiResponse documents(ApiRequest r) {
        Order o = p.orders.get(r.command(), r.pathParam("orderId"));
        ObjectNode x = Json.object();
        ArrayNode data = x.putArray("data");
        for (OrderDocument d : o.children(OrderDocument.class)) {
            if (d.isAvailable() && OrderNotes.documentVisible(o, d, true)) data.add(presigned(d));
        }
        return ApiResponse.ok(x).withHeader("cache-control", "no-store");
    }

    private ObjectNode presigned(OrderDocument d) {
        return CustomerViews.document(d, SignedS3.presignGet(p.documentsBucket, d.storageKey(), d.fileName(), DocumentService.DOWNLOAD_TTL),
                Times.format(p.clock.instant().plus(DocumentService.DOWNLOAD_TTL)));
    }

    /** One of my returns (or replacements), found through its order as the caller may see it. */
    private ApiResponse ret(ApiRequest r) {
        dev.oms.app.ReturnService.Result res = p.selfService.find(r.command(), r.pathParam("rmaId"));
        return ApiResponse.ok(CustomerViews.ret(res.order(), res.ret(), p.settings.returnAddress(r.caller().tenantId())))
                .withVersion(res.order().version());
    }

    private ApiResponse metrics(ApiRequest r) {
        CustomerOrders.Metrics m = p.customerOrders.metrics(r.command());
        ObjectNode x = Json.object();
        x.put("orders_count", m.ordersCount());
        x.put("cancelled_count", m.cancelledCount());
        ArrayNode spend = x.putArray("spend");
        for (CustomerOrders.Spend s : m.spend().values()) {
            ObjectNode y = spend.addObject();
            y.put("currency", s.currency());
            y.set("total_spend", CustomerViews.money(s.total(), s.currency()));
            y.put("orders_count", s.orders());
            y.set("average_order_value", CustomerViews.money(s.average(), s.currency()));
        }
        x.put("rounding", "half_up");
        x.put("truncated", m.truncated());
        return ApiResponse.ok(x);
    }
}
