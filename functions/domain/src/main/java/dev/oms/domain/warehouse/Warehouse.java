package dev.oms.domain.warehouse;

import dev.oms.domain.order.Address;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * A warehouse of a tenant (seed 003 section 8): where it is ({@code address}, {@code location} for the nearest-warehouse
 * allocation), its time zone (cut-offs and opening hours are local times there), the regions it serves (ISO 3166-1
 * alpha-2 countries, or {@code GB-ENG}-style subdivisions), its capabilities, its carriers' manifest cut-offs, its
 * opening hours, and its zones (pick, pack, receiving, ...). Its own aggregate with a {@code version}.
 */
public record Warehouse(String id, String name, String status, Address address, String timezone, Location location,
                        List<String> serviceableRegions, List<String> capabilities, List<Cutoff> cutoffs,
                        Map<String, OpeningHours> openingHours, List<Zone> zones, long version, Instant createdAt, String createdBy,
                        Instant updatedAt, String updatedBy) {
    public static final String ACTIVE = "active", INACTIVE = "inactive";

    public Warehouse {
        serviceableRegions = serviceableRegions == null ? List.of() : List.copyOf(serviceableRegions);
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        cutoffs = cutoffs == null ? List.of() : List.copyOf(cutoffs);
        openingHours = openingHours == null ? Map.of() : Map.copyOf(openingHours);
        zones = zones == null ? List.of() : List.copyOf(zones);
    }

    /** Latitude and longitude in degrees. */
    public record Location(double latitude, double longitude) { }

    /** A carrier's daily manifest cut-off ({@code carrier} null: every carrier), local time in the warehouse's zone. */
    public record Cutoff(String carrier, LocalTime time) { }

    /** Opening hours of one weekday, local time. */
    public record OpeningHours(LocalTime opens, LocalTime closes) { }

    /** A zone: {@code type} pick, pack, receiving, returns, staging or storage. */
    public record Zone(String id, String name, String type) { }

    /** Whether the warehouse serves {@code country} (and {@code region}, an ISO 3166-2 code): no regions means everywhere. */
    public boolean serves(String country, String region) {
        if (serviceableRegions.isEmpty() || country == null) return true;
        for (String r : serviceableRegions) {
            if (r.equalsIgnoreCase(country)) return true;
            if (region != null && r.equalsIgnoreCase(region)) return true;
        }
        return false;
    }

    public boolean isActive() { return ACTIVE.equals(status); }
}
