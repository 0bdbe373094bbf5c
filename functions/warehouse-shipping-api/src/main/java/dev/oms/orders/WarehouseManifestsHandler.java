package dev.oms.orders;

import static dev.oms.app.security.Permission.WAREHOUSE_READ;
import static dev.oms.app.security.Permission.WAREHOUSE_SHIP;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import dev.oms.domain.DomainException;
import dev.oms.domain.shipping.Asn;
import dev.oms.domain.shipping.Manifest;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * Seed 003 section 5: manifests per warehouse, carrier and dispatch day with the cut-off in the warehouse's time zone
 * ({@link dev.oms.app.shipping.ManifestService}), their submission to the carrier, and advance shipping notices.
 */
public final class WarehouseManifestsHandler extends ApiHandler {
    private final WarehouseShippingApi p;
    private final Routes routes;

    public WarehouseManifestsHandler() { this(WarehouseShippingApi.get()); }

    WarehouseManifestsHandler(WarehouseShippingApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post("/v1/fulfillment/manifests", this::create).requires(WAREHOUSE_SHIP),
                get("/v1/fulfillment/manifests/{manifestId}", this::read).requires(WAREHOUSE_READ),
                post("/v1/fulfillment/manifests/{manifestId}/submit", this::submit).requires(WAREHOUSE_SHIP),
                post("/v1/fulfillment/asn", this::asn).requires(WAREHOUSE_SHIP));
    }

    @Override
    public Routes routes() { return routes; }

    /** {@code {"warehouse_id", "carrier_id", "shipments": [...], "dispatch_date", "timezone", "cutoff"}}. */
    private ApiResponse create(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("warehouse_id", "carrier_id", "shipments", "dispatch_date", "timezone", "cutoff");
        String warehouse = b.string("warehouse_id", true, 64);
        String carrier = b.string("carrier_id", true, 64);
        List<String> shipments = b.strings("shipments", false, 0, Manifest.MAX_SHIPMENTS, 64);
        LocalDate day = b.date("dispatch_date", false);
        String zone = b.string("timezone", false, 64);
        if (zone != null) {
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                b.error("timezone", "timezone.unknown", "timezone is an IANA time zone such as Europe/London");
            }
        }
        LocalTime cutoff = null;
        String at = b.string("cutoff", false, 5);
        if (at != null) {
            try {
                cutoff = LocalTime.parse(at);
            } catch (DateTimeException e) {
                b.error("cutoff", "field.format", "cutoff is a local time HH:MM");
            }
        }
        b.check();
        if (shipments != null && shipments.size() != java.util.Set.copyOf(shipments).size()) {
            throw DomainException.invalidField("shipments", "shipments.duplicate", "A shipment may appear once");
        }
        LocalDate dispatchDate = day;
        LocalTime cut = cutoff;
        return r.execute(m -> ApiResponse.created(ShippingViews.manifest(m, r.caller().tenantId(), p.documentStorage), "/v1/fulfillment/manifests/" + m.id())
                .withVersion(m.version()), ctx -> p.manifests.create(ctx, warehouse, carrier, dispatchDate, zone, cut, shipments == null ? List.of() : shipments));
    }

    private ApiResponse read(ApiRequest r) {
        Manifest m = p.manifests.get(r.command(), r.pathParam("manifestId"));
        return ApiResponse.ok(ShippingViews.manifest(m, r.caller().tenantId(), p.documentStorage)).withVersion(m.version());
    }

    /** An empty body: the manifest closed out with the carrier (a scan form) and filed as CSV. */
    private ApiResponse submit(ApiRequest r) {
        Body.parseOptional(r.body()).allow().check();
        return r.execute(m -> ApiResponse.ok(ShippingViews.manifest(m, r.caller().tenantId(), p.documentStorage)).withVersion(m.version()),
                ctx -> p.manifests.submit(ctx, r.pathParam("manifestId")));
    }

    /** {@code {"asn_reference", "partner_id", "shipments": [...], "expected_arrival"}}. */
    private ApiResponse asn(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("asn_reference", "partner_id", "shipments", "expected_arrival");
        String reference = b.string("asn_reference", true, 64);
        String partner = b.string("partner_id", false, 64);
        List<String> shipments = b.strings("shipments", true, 1, Asn.MAX_SHIPMENTS, 64);
        java.time.Instant arrival = b.time("expected_arrival", false);
        b.check();
        return r.execute(a -> ApiResponse.json(201, ShippingViews.asn(a)).withVersion(a.version()),
                ctx -> p.asns.create(ctx, reference, partner, shipments, arrival));
    }
}
