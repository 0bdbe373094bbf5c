package dev.oms.domain.warehouse.pack;

import dev.oms.domain.DomainException;
import java.time.Duration;
import java.time.Instant;

/**
 * A pack station of a warehouse (a {@code pack_station} workstation) with the packing session open at it, if any: one
 * session per station, held by the caller who opened it. A session ends by itself {@link #SHIFT} after it was opened, so a
 * station is never locked by a packer who went home; a supervisor may take a station over earlier.
 */
public record PackStation(String id, String warehouseId, Session session, long version, Instant updatedAt) {
    public static final Duration SHIFT = Duration.ofHours(12);

    /** {@code holder}: the caller's subject; {@code workerId}: the warehouse's worker record, when given. */
    public record Session(String id, String holder, String workerId, String deviceId, Instant openedAt) { }

    /** The session still open at {@code now}, or null. */
    public Session openSession(Instant now) {
        return session == null || session.openedAt().plus(SHIFT).isBefore(now) ? null : session;
    }

    /**
     * Opens a session for {@code holder}: the station's open session when it is theirs already (answered again), a new
     * one when there is none; 409 {@code pack_station.session_open} when another holds it (a supervisor may
     * {@code takeOver}).
     */
    public PackStation open(String sessionId, String holder, String workerId, String deviceId, boolean takeOver, Instant now) {
        Session open = openSession(now);
        if (open != null && open.holder().equals(holder) && !takeOver) return this;
        if (open != null && !takeOver) {
            throw DomainException.conflict("pack_station.session_open", "Pack station " + id + " has a session open by " + open.holder(),
                    "One packer works at a station at a time: use another station, or let a supervisor take it over.")
                    .with("session_id", open.id()).with("held_by", open.holder());
        }
        return new PackStation(id, warehouseId, new Session(sessionId, holder, workerId, deviceId, now), version + 1, now);
    }

    /** The caller's open session; 409 {@code pack_station.no_session} or {@code pack_station.session_of_another}. */
    public Session use(String holder, Instant now) {
        Session open = openSession(now);
        if (open == null) {
            throw DomainException.conflict("pack_station.no_session", "Pack station " + id + " has no open session", "Open a session first (open-session).");
        }
        if (!open.holder().equals(holder)) {
            throw DomainException.conflict("pack_station.session_of_another", "Pack station " + id + " is in use by " + open.holder(),
                    "Pack at the station where your session is open.").with("held_by", open.holder());
        }
        return open;
    }
}
