package dev.oms.domain.warehouse;

import dev.oms.domain.DomainException;
import dev.oms.domain.DomainException.FieldError;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of warehouses: a valid IANA time zone, coordinates in range, capabilities and zone types from known lists,
 * unique zone ids, opening hours that open before they close; and the ranking the nearest-warehouse allocation uses
 * (great-circle distance from the destination, active warehouses serving it, ties on the id).
 */
public final class Warehouses {
    public static final Set<String> CAPABILITIES = Set.of("ship", "pick", "pack", "returns", "cold_chain", "hazmat",
            "serial_tracking", "lot_tracking", "kitting", "same_day", "oversize");
    public static final Set<String> ZONE_TYPES = Set.of("pick", "pack", "receiving", "returns", "staging", "storage", "qc");
    public static final Set<String> WEEKDAYS = Set.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
    public static final int MAX_ZONES = 50, MAX_REGIONS = 250, MAX_CUTOFFS = 20;

    private Warehouses() { }

    public static void check(Warehouse w) {
        List<FieldError> errors = new ArrayList<>();
        try {
            ZoneId.of(w.timezone());
        } catch (DateTimeException | NullPointerException e) {
            errors.add(new FieldError("timezone", "warehouse.timezone_invalid", "timezone is an IANA time zone such as Europe/London"));
        }
        if (w.location() != null && (Math.abs(w.location().latitude()) > 90 || Math.abs(w.location().longitude()) > 180)) {
            errors.add(new FieldError("location", "warehouse.location_invalid", "latitude is within ±90 and longitude within ±180"));
        }
        for (int i = 0; i < w.capabilities().size(); i++) {
            if (!CAPABILITIES.contains(w.capabilities().get(i))) {
                errors.add(new FieldError("capabilities[" + i + "]", "warehouse.capability_unknown", "one of " + CAPABILITIES.stream().sorted().toList()));
            }
        }
        for (int i = 0; i < w.serviceableRegions().size(); i++) {
            if (!w.serviceableRegions().get(i).matches("[A-Z]{2}(-[A-Z0-9]{1,3})?")) {
                errors.add(new FieldError("serviceable_regions[" + i + "]", "warehouse.region_invalid", "an ISO 3166-1 alpha-2 country or ISO 3166-2 subdivision, such as GB or GB-ENG"));
            }
        }
        Set<String> zoneIds = new HashSet<>();
        for (int i = 0; i < w.zones().size(); i++) {
            Warehouse.Zone z = w.zones().get(i);
            if (!zoneIds.add(z.id())) errors.add(new FieldError("zones[" + i + "].id", "warehouse.zone_duplicate", "zone " + z.id() + " appears twice"));
            if (!ZONE_TYPES.contains(z.type())) errors.add(new FieldError("zones[" + i + "].type", "warehouse.zone_type_unknown", "one of " + ZONE_TYPES.stream().sorted().toList()));
        }
        w.openingHours().forEach((day, h) -> {
            if (!WEEKDAYS.contains(day)) errors.add(new FieldError("opening_hours." + day, "field.unknown", "a weekday in lower case"));
            else if (!h.opens().isBefore(h.closes())) errors.add(new FieldError("opening_hours." + day, "warehouse.hours_invalid", "opens before it closes"));
        });
        if (!errors.isEmpty()) throw DomainException.invalid(errors);
    }

    /** Great-circle distance in kilometres. */
    public static double distanceKm(Warehouse.Location a, Warehouse.Location b) {
        double la1 = Math.toRadians(a.latitude()), la2 = Math.toRadians(b.latitude());
        double dLa = la2 - la1, dLo = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.sin(dLa / 2) * Math.sin(dLa / 2) + Math.cos(la1) * Math.cos(la2) * Math.sin(dLo / 2) * Math.sin(dLo / 2);
        return 2 * 6371.0 * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /**
     * The active warehouses that serve the destination, nearest first ({@code to} null or a warehouse without a
     * location: after those with one, by id). Deterministic.
     */
    public static List<String> ranking(List<Warehouse> warehouses, Warehouse.Location to, String country, String region) {
        List<Warehouse> eligible = new ArrayList<>();
        for (Warehouse w : warehouses) if (w.isActive() && w.serves(country, region)) eligible.add(w);
        Comparator<Warehouse> byDistance = Comparator.comparingDouble(w -> to == null || w.location() == null ? Double.MAX_VALUE : distanceKm(w.location(), to));
        eligible.sort(byDistance.thenComparing(Warehouse::id));
        return eligible.stream().map(Warehouse::id).toList();
    }
}
