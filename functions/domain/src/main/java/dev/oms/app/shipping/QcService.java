package dev.oms.app.shipping;

import dev.oms.app.CommandContext;
import dev.oms.app.OrderTransactions;
import dev.oms.app.port.IdGenerator;
import dev.oms.domain.DomainException;
import dev.oms.domain.shipping.QcInspection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Quality control (seed 003 section 12): an inspection started for a fulfilment ({@code ful_...}) or a return
 * ({@code ret_...}) of the tenant (another tenant's is 404), findings recorded with photos uploaded through presigned
 * links, and a resolution whose disposition says where the goods go ({@code qc.resolved} carries it to stock and
 * returns consumers).
 */
public final class QcService {
    /** Photos: JPEG or PNG, 1 byte to 10 MiB each. */
    public static final List<String> PHOTO_TYPES = List.of("image/jpeg", "image/png");
    public static final long MAX_PHOTO_BYTES = 10L * 1024 * 1024;

    private final ShippingCommits commits;
    private final OrderTransactions orders;
    private final IdGenerator ids;
    private final Clock clock;

    public QcService(ShippingCommits commits, OrderTransactions orders, IdGenerator ids, Clock clock) {
        this.commits = commits;
        this.orders = orders;
        this.ids = ids;
        this.clock = clock;
    }

    /** A photo to upload: its content type and size in bytes. */
    public record PhotoSpec(String contentType, long sizeBytes) { }

    public QcInspection get(CommandContext ctx, String id) { return commits.get(ctx, QcInspection.class, id, "qc.not_found"); }

    public QcInspection start(CommandContext ctx, String subjectId) {
        String type;
        String notFound;
        if (subjectId.startsWith("ful_")) {
            type = QcInspection.FULFILLMENT;
            notFound = "fulfillment.not_found";
        } else if (subjectId.startsWith("ret_")) {
            type = QcInspection.RETURN;
            notFound = "return.not_found";
        } else {
            throw DomainException.notFound("qc.subject_not_found", "QC starts for a fulfilment (ful_...) or a return (ret_...), not " + subjectId);
        }
        String orderId = orders.orderIdOfChild(ctx, subjectId, notFound);
        orders.get(ctx, orderId); // the order is the caller's tenant's and not deleted
        QcInspection qc = QcInspection.start(ids.next("qc"), type, subjectId, orderId, ctx.caller().actor().id(), clock.instant());
        return commits.create(ctx, new ShippingCommits.Change<>(qc, List.of(ShippingCommits.event("qc.started", data(qc)))));
    }

    /** Records a finding; its photos' storage keys derive from the inspection and finding ({@link #photoKey}). */
    public QcInspection record(CommandContext ctx, String id, String note, String severity, List<PhotoSpec> photos) {
        if (!QcInspection.SEVERITIES.contains(severity)) throw DomainException.invalidField("severity", "field.not_allowed", "severity must be one of " + QcInspection.SEVERITIES);
        for (int i = 0; i < photos.size(); i++) {
            PhotoSpec p = photos.get(i);
            if (!PHOTO_TYPES.contains(p.contentType())) throw DomainException.invalidField("photos[" + i + "].content_type", "document.type_not_allowed", "Photos are " + PHOTO_TYPES);
            if (p.sizeBytes() < 1 || p.sizeBytes() > MAX_PHOTO_BYTES) throw DomainException.invalidField("photos[" + i + "].size_bytes", "document.too_large", "Photos are 1 byte to 10 MiB");
        }
        String findingId = ids.next("qcf");
        return commits.update(ctx, QcInspection.class, id, "qc.not_found", qc -> {
            List<QcInspection.Photo> stored = new ArrayList<>();
            for (int i = 0; i < photos.size(); i++) {
                stored.add(new QcInspection.Photo(photoKey(ctx.tenantId(), qc.id(), findingId, i, photos.get(i).contentType()), photos.get(i).contentType(), photos.get(i).sizeBytes()));
            }
            QcInspection next = qc.record(new QcInspection.Finding(findingId, note, severity, stored, ctx.caller().actor().id(), clock.instant()), clock.instant());
            Map<String, Object> d = data(next);
            d.put("finding_id", findingId);
            d.put("severity", severity);
            d.put("photos", stored.size());
            return new ShippingCommits.Change<>(next, List.of(ShippingCommits.event("qc.finding_recorded", d)));
        });
    }

    public QcInspection resolve(CommandContext ctx, String id, String outcome, String disposition, String notes) {
        return commits.update(ctx, QcInspection.class, id, "qc.not_found", qc -> {
            QcInspection next = qc.resolve(outcome, disposition, notes, clock.instant());
            Map<String, Object> d = data(next);
            d.put("outcome", next.outcome());
            d.put("disposition", next.disposition());
            d.put("findings", next.findings().size());
            return new ShippingCommits.Change<>(next, List.of(ShippingCommits.event("qc.resolved", d)));
        });
    }

    public static String photoKey(String tenantId, String qcId, String findingId, int index, String contentType) {
        return "qc/" + tenantId + "/" + qcId + "/" + findingId + "-" + index + (contentType.equals("image/png") ? ".png" : ".jpg");
    }

    static Map<String, Object> data(QcInspection qc) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("qc_id", qc.id());
        d.put("subject_type", qc.subjectType());
        d.put("subject_id", qc.subjectId());
        d.put("order_id", qc.orderId());
        d.put("status", qc.status());
        return d;
    }
}
