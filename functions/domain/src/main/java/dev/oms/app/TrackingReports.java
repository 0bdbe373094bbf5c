package dev.oms.app;

import dev.oms.app.connector.CarrierService.TrackingReport;
import dev.oms.domain.DomainException;
import dev.oms.domain.order.TrackingEvent;
import dev.oms.domain.order.TrackingStatus;
import java.util.ArrayList;
import java.util.List;

/** Carrier reports as tracking events; a report without an id gets one made of its content, so repeats are kept once. */
final class TrackingReports {
    private TrackingReports() { }

    static List<TrackingEvent> events(List<TrackingReport> reports, String source) {
        List<TrackingEvent> out = new ArrayList<>();
        for (TrackingReport r : reports) {
            if (!TrackingStatus.isWire(r.status())) {
                throw DomainException.invalidField("status", "tracking.status_unknown", "Unknown tracking status " + r.status());
            }
            String id = r.id() != null ? r.id()
                    : r.trackingNumber() + ":" + r.status() + ":" + (r.occurredAt() == null ? "" : r.occurredAt().toString());
            out.add(new TrackingEvent(id, r.trackingNumber(), TrackingStatus.fromWire(r.status()), r.occurredAt(), r.location(),
                    r.description(), source, false));
        }
        return out;
    }
}
