package dev.oms.domain.shipping;

import dev.oms.domain.DomainException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A quality-control inspection of a fulfilment's goods before they leave, or of a return's goods after they arrived:
 * {@code open} while findings (a note, a severity, photos) are recorded, then {@code resolved} with an outcome and the
 * disposition that says where the goods go.
 *
 * <table>
 *   <caption>outcomes and their dispositions (the first is the default)</caption>
 *   <tr><th>outcome</th><th>dispositions</th></tr>
 *   <tr><td>{@code pass}</td><td>{@code reshelve}, {@code release}</td></tr>
 *   <tr><td>{@code fail}</td><td>{@code repair}, {@code scrap}, {@code return_to_vendor}</td></tr>
 *   <tr><td>{@code quarantine}</td><td>{@code quarantine}</td></tr>
 * </table>
 */
public record QcInspection(String id, String subjectType, String subjectId, String orderId, String status, List<Finding> findings,
                           String outcome, String disposition, String notes, long version, String createdBy, Instant createdAt,
                           Instant updatedAt, Instant resolvedAt) implements ShippingRecord {
    public static final String OPEN = "open", RESOLVED = "resolved";
    public static final String FULFILLMENT = "fulfillment", RETURN = "return";
    public static final List<String> SEVERITIES = List.of("minor", "major", "critical");
    public static final Map<String, List<String>> DISPOSITIONS = Map.of(
            "pass", List.of("reshelve", "release"),
            "fail", List.of("repair", "scrap", "return_to_vendor"),
            "quarantine", List.of("quarantine"));
    public static final int MAX_FINDINGS = 50, MAX_PHOTOS = 10;

    /** A photo of a finding, uploaded by the caller through a presigned link to {@code storageKey}. */
    public record Photo(String storageKey, String contentType, long sizeBytes) { }

    public record Finding(String id, String note, String severity, List<Photo> photos, String recordedBy, Instant recordedAt) {
        public Finding {
            photos = List.copyOf(photos);
        }
    }

    public QcInspection {
        findings = List.copyOf(findings);
    }

    @Override
    public String aggregateType() { return "qc_inspection"; }

    public static QcInspection start(String id, String subjectType, String subjectId, String orderId, String actor, Instant now) {
        return new QcInspection(id, subjectType, subjectId, orderId, OPEN, List.of(), null, null, null, 1, actor, now, now, null);
    }

    public QcInspection record(Finding finding, Instant now) {
        checkOpen();
        if (findings.size() >= MAX_FINDINGS) {
            throw DomainException.unprocessable("qc.too_many_findings", "An inspection holds at most " + MAX_FINDINGS + " findings", "Resolve it.");
        }
        List<Finding> all = new ArrayList<>(findings);
        all.add(finding);
        return new QcInspection(id, subjectType, subjectId, orderId, status, all, outcome, disposition, notes, version + 1, createdBy, createdAt, now, resolvedAt);
    }

    /** Resolves the inspection; a disposition that does not fit the outcome is refused (400 {@code qc.disposition_mismatch}). */
    public QcInspection resolve(String newOutcome, String newDisposition, String resolutionNotes, Instant now) {
        checkOpen();
        List<String> allowed = DISPOSITIONS.get(newOutcome);
        if (allowed == null) throw DomainException.invalidField("outcome", "field.not_allowed", "outcome must be one of " + DISPOSITIONS.keySet());
        String chosen = newDisposition == null ? allowed.get(0) : newDisposition;
        if (!allowed.contains(chosen)) {
            throw DomainException.invalidField("disposition", "qc.disposition_mismatch", "An inspection that ends " + newOutcome + " sends the goods to " + allowed);
        }
        if (!"pass".equals(newOutcome) && findings.isEmpty()) {
            throw DomainException.unprocessable("qc.findings_required", "An inspection that ends " + newOutcome + " needs at least one finding",
                    "Record what was found first.");
        }
        return new QcInspection(id, subjectType, subjectId, orderId, RESOLVED, findings, newOutcome, chosen, resolutionNotes, version + 1, createdBy,
                createdAt, now, now);
    }

    private void checkOpen() {
        if (!OPEN.equals(status)) {
            throw DomainException.conflict("qc.already_resolved", "Inspection " + id + " was resolved (" + outcome + ")", "Start a new inspection.")
                    .with("current_status", status);
        }
    }
}
