package dev.oms.orders;

import static dev.oms.app.security.Permission.WAREHOUSE_READ;
import static dev.oms.app.security.Permission.WAREHOUSE_SHIP;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import dev.oms.app.shipping.VendorShipmentService;
import dev.oms.domain.shipping.VendorShipment;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Seed 003 section 11: shipments to suppliers, booked with the carrier, under an RMA or ASN reference. */
public final class WarehouseVendorShipmentsHandler extends ApiHandler {
    private final WarehouseShippingApi p;
    private final Routes routes;

    public WarehouseVendorShipmentsHandler() { this(WarehouseShippingApi.get()); }

    WarehouseVendorShipmentsHandler(WarehouseShippingApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post("/v1/fulfillment/vendor-shipments", this::create).requires(WAREHOUSE_SHIP),
                get("/v1/fulfillment/vendor-shipments/{id}", this::read).requires(WAREHOUSE_READ));
    }

    @Override
    public Routes routes() { return routes; }

    /**
     * {@code {"supplier_id", "reference_type": "rma|asn", "reference", "from_warehouse_id", "to_address", "lines":
     * [{"sku", "qty", "serials"}], "carrier_hint", "service_code", "packages": [{"weight_grams"}]}}.
     */
    private ApiResponse create(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("supplier_id", "reference_type", "reference", "from_warehouse_id", "to_address", "lines", "carrier_hint", "service_code", "packages");
        String supplier = b.string("supplier_id", true, 64);
        String type = b.oneOf("reference_type", true, Set.copyOf(VendorShipment.REFERENCE_TYPES));
        String reference = b.string("reference", true, 64);
        String from = b.string("from_warehouse_id", true, 64);
        var to = b.address("to_address", true);
        List<VendorShipment.Line> lines = new ArrayList<>();
        List<Body> given = b.objects("lines", true, 1, VendorShipment.MAX_LINES);
        if (given != null) {
            for (Body l : given) {
                l.allow("sku", "qty", "serials");
                String sku = l.string("sku", true, 64);
                Long qty = l.integer("qty", true, 1, 100_000);
                List<String> serials = l.strings("serials", false, 0, 1000, 128);
                if (sku != null && qty != null) lines.add(new VendorShipment.Line(sku, qty, serials));
            }
        }
        String carrier = b.string("carrier_hint", false, 64);
        String service = b.string("service_code", false, 64);
        List<Integer> weights = weights(b);
        b.check();
        var req = new VendorShipmentService.Request(supplier, type, reference, from, to, lines, carrier, service, weights);
        return r.execute(WarehouseVendorShipmentsHandler::created, ctx -> p.vendorShipments.create(ctx, req));
    }

    private ApiResponse read(ApiRequest r) {
        VendorShipment v = p.vendorShipments.get(r.command(), r.pathParam("id"));
        return ApiResponse.ok(ShippingViews.vendorShipment(v)).withVersion(v.version());
    }

    static ApiResponse created(VendorShipment v) {
        return ApiResponse.created(ShippingViews.vendorShipment(v), "/v1/fulfillment/vendor-shipments/" + v.id()).withVersion(v.version());
    }

    /** {@code packages: [{"weight_grams"}]} (optional, up to 50): one parcel each. */
    static List<Integer> weights(Body b) {
        List<Integer> out = new ArrayList<>();
        List<Body> packages = b.objects("packages", false, 1, 50);
        if (packages != null) {
            for (Body pkg : packages) {
                pkg.allow("weight_grams");
                Long w = pkg.integer("weight_grams", true, 1, 1_000_000);
                if (w != null) out.add(w.intValue());
            }
        }
        return out;
    }
}
