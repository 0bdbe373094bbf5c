package dev.oms.app.metrics;

import dev.oms.domain.DomainException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** An inclusive range of UTC days, at most {@link #MAX_DAYS} long; by default the last 30 days up to today. */
public record DateRange(LocalDate from, LocalDate to) {
    public static final int MAX_DAYS = 366;
    public static final int DEFAULT_DAYS = 30;

    public static DateRange of(LocalDate from, LocalDate to, LocalDate today) {
        LocalDate end = to != null ? to : from != null ? from.plusDays(DEFAULT_DAYS - 1) : today;
        LocalDate start = from != null ? from : end.minusDays(DEFAULT_DAYS - 1);
        if (start.isAfter(end)) throw DomainException.invalidField("from", "range.inverted", "from must not be after to");
        if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
            throw DomainException.invalidField("to", "range.too_long", "A range spans at most " + MAX_DAYS + " days");
        }
        return new DateRange(start, end);
    }

    public long days() { return ChronoUnit.DAYS.between(from, to) + 1; }
}
