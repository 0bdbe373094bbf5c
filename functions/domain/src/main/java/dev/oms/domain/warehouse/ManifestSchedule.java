package dev.oms.domain.warehouse;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * When a warehouse hands its parcels to a carrier: a daily cut-off in the warehouse's own time zone, on its shipping
 * days, except holidays. A label bought before the cut-off of a shipping day goes on that day's manifest; one bought
 * at or after it (or on a day without shipping) goes on the next shipping day's. Daylight saving time is the zone's:
 * a cut-off that falls in a spring-forward gap moves forward by the gap, as {@link ZonedDateTime#of} does.
 */
public record ManifestSchedule(ZoneId zone, LocalTime cutoff, Set<DayOfWeek> shippingDays, Set<LocalDate> holidays) {
    public ManifestSchedule {
        if (zone == null || cutoff == null) throw new IllegalArgumentException("zone and cutoff are required");
        shippingDays = shippingDays == null || shippingDays.isEmpty() ? EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY) : EnumSet.copyOf(shippingDays);
        holidays = holidays == null ? Set.of() : Set.copyOf(holidays);
        if (shippingDays.isEmpty()) throw new IllegalArgumentException("a warehouse ships on at least one day");
    }

    public boolean ships(LocalDate day) {
        return shippingDays.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    /** The local date of the manifest a label bought at {@code labelBoughtAt} belongs to. */
    public LocalDate manifestDate(Instant labelBoughtAt) {
        ZonedDateTime local = labelBoughtAt.atZone(zone);
        LocalDate day = local.toLocalDate();
        if (ships(day) && labelBoughtAt.isBefore(closesAt(day))) return day;
        return nextShippingDay(day);
    }

    /** The instant the manifest of {@code day} closes (its cut-off in the warehouse's zone). */
    public Instant closesAt(LocalDate day) {
        return ZonedDateTime.of(day, cutoff, zone).toInstant();
    }

    public LocalDate nextShippingDay(LocalDate after) {
        LocalDate d = after.plusDays(1);
        for (int i = 0; i < 400 && !ships(d); i++) d = d.plusDays(1);
        if (!ships(d)) throw new IllegalStateException("no shipping day in the next 400 days");
        return d;
    }
}
