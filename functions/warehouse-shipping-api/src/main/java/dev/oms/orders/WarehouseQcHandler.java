package dev.oms.orders;

import static dev.oms.app.security.Permission.WAREHOUSE_QC;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.DocumentStorage;
import dev.oms.app.shipping.QcService;
import dev.oms.domain.shipping.QcInspection;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Times;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Seed 003 section 12, quality control: start an inspection of a fulfilment or a return ({@code /qc/{id}/start}, the
 * id of either), record findings with photos (answered with presigned upload links, 15 minutes), resolve it with an
 * outcome and a disposition. The {@code qc_agent} role's routes.
 */
public final class WarehouseQcHandler extends ApiHandler {
    static final Duration UPLOAD_TTL = Duration.ofMinutes(15);

    private final WarehouseShippingApi p;
    private final Routes routes;

    public WarehouseQcHandler() { this(WarehouseShippingApi.get()); }

    WarehouseQcHandler(WarehouseShippingApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                post("/v1/fulfillment/qc/{id}/start", this::start).requires(WAREHOUSE_QC),
                post("/v1/fulfillment/qc/{id}/record", this::record).requires(WAREHOUSE_QC),
                post("/v1/fulfillment/qc/{id}/resolve", this::resolve).requires(WAREHOUSE_QC));
    }

    @Override
    public Routes routes() { return routes; }

    /** {@code id}: the fulfilment ({@code ful_...}) or return ({@code ret_...}) to inspect; an empty body. */
    private ApiResponse start(ApiRequest r) {
        Body.parseOptional(r.body()).allow().check();
        return r.execute(q -> ApiResponse.json(201, ShippingViews.qc(q)).withVersion(q.version()), ctx -> p.qc.start(ctx, r.pathParam("id")));
    }

    /** {@code {"note", "severity": "minor|major|critical", "photos": [{"content_type", "size_bytes"}]}}. */
    private ApiResponse record(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("note", "severity", "photos", "version");
        String note = b.string("note", true, 2000);
        String severity = b.oneOf("severity", true, Set.copyOf(QcInspection.SEVERITIES));
        List<QcService.PhotoSpec> photos = new ArrayList<>();
        List<Body> given = b.objects("photos", false, 0, QcInspection.MAX_PHOTOS);
        if (given != null) {
            for (Body ph : given) {
                ph.allow("content_type", "size_bytes");
                String type = ph.oneOf("content_type", true, Set.copyOf(QcService.PHOTO_TYPES));
                Long size = ph.integer("size_bytes", true, 1, QcService.MAX_PHOTO_BYTES);
                if (type != null && size != null) photos.add(new QcService.PhotoSpec(type, size));
            }
        }
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(q -> ApiResponse.ok(withUploads(q, p.documentStorage)).withVersion(q.version()),
                ctx -> p.qc.record(ctx, r.pathParam("id"), note, severity, photos));
    }

    /** {@code {"outcome": "pass|fail|quarantine", "disposition", "notes"}}. */
    private ApiResponse resolve(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("outcome", "disposition", "notes", "version");
        String outcome = b.oneOf("outcome", true, QcInspection.DISPOSITIONS.keySet());
        String disposition = b.oneOf("disposition", false, Set.of("reshelve", "release", "repair", "scrap", "return_to_vendor", "quarantine"));
        String notes = b.string("notes", false, 2000);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(q -> ApiResponse.ok(ShippingViews.qc(q)).withVersion(q.version()),
                ctx -> p.qc.resolve(ctx, r.pathParam("id"), outcome, disposition, notes));
    }

    /** The inspection, with upload links for the photos of its newest finding. */
    private ObjectNode withUploads(QcInspection q, DocumentStorage storage) {
        ObjectNode o = ShippingViews.qc(q);
        ArrayNode uploads = o.putArray("uploads");
        QcInspection.Finding last = q.findings().get(q.findings().size() - 1);
        for (QcInspection.Photo ph : last.photos()) {
            DocumentStorage.Upload u = storage.uploadUrl(ph.storageKey(), ph.contentType(), ph.sizeBytes(), UPLOAD_TTL);
            ObjectNode x = uploads.addObject().put("storage_key", ph.storageKey()).put("url", u.url()).put("method", u.method())
                    .put("expires_at", Times.format(u.expiresAt()));
            ObjectNode headers = x.putObject("headers");
            u.headers().forEach(headers::put);
        }
        return o;
    }
}
