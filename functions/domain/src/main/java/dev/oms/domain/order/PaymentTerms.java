package dev.oms.domain.order;

import dev.oms.domain.DomainException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * B2B payment terms an order carries ({@code payment_terms}): the order may be confirmed without an authorization
 * (when the tenant allows terms for its customer or channel) and is to be paid by its due date: the confirmation day
 * ({@code due_on_receipt}), 15, 30 or 60 days after it ({@code net_15}, {@code net_30}, {@code net_60}), or an
 * explicit date ({@code due_date}). Days are UTC; the order becomes overdue when its due date has passed.
 */
public record PaymentTerms(String kind, LocalDate dueDate) {
    public static final String DUE_ON_RECEIPT = "due_on_receipt", NET_15 = "net_15", NET_30 = "net_30", NET_60 = "net_60",
            DUE_DATE = "due_date";
    public static final List<String> KINDS = List.of(DUE_ON_RECEIPT, NET_15, NET_30, NET_60, DUE_DATE);
    /** The latest explicit due date accepted, in days after the order's creation. */
    public static final int MAX_DAYS_AHEAD = 366;

    public PaymentTerms {
        if (!KINDS.contains(kind)) throw new IllegalArgumentException("unknown payment terms " + kind);
        if (DUE_DATE.equals(kind) != (dueDate != null)) throw new IllegalArgumentException("a due date goes with due_date terms only");
    }

    /** The terms of a request, checked against the order's creation time: an explicit date is today or later, within a year. */
    public static PaymentTerms of(String kind, LocalDate dueDate, Instant now) {
        if (DUE_DATE.equals(kind) && dueDate == null) {
            throw DomainException.invalidField("due_date", "field.required", "payment_terms due_date needs a due_date");
        }
        if (!DUE_DATE.equals(kind) && dueDate != null) {
            throw DomainException.invalidField("due_date", "field.not_allowed", "due_date goes with payment_terms due_date only");
        }
        if (dueDate != null) {
            LocalDate today = day(now);
            if (dueDate.isBefore(today) || dueDate.isAfter(today.plusDays(MAX_DAYS_AHEAD))) {
                throw DomainException.invalidField("due_date", "field.out_of_range",
                        "due_date must be between " + today + " and " + today.plusDays(MAX_DAYS_AHEAD));
            }
        }
        return new PaymentTerms(kind, dueDate);
    }

    /** Terms a copy of an order (duplicate, replacement) keeps: relative ones; an explicit date belongs to the original. */
    public static PaymentTerms relative(PaymentTerms terms) { return terms == null || DUE_DATE.equals(terms.kind()) ? null : terms; }

    /** The day payment is due for an order confirmed at {@code confirmedAt}. */
    public LocalDate dueOn(Instant confirmedAt) {
        LocalDate confirmed = day(confirmedAt);
        return switch (kind) {
            case DUE_ON_RECEIPT -> confirmed;
            case NET_15 -> confirmed.plusDays(15);
            case NET_30 -> confirmed.plusDays(30);
            case NET_60 -> confirmed.plusDays(60);
            default -> dueDate;
        };
    }

    /** The instant an order due on {@code due} becomes overdue: the start of the next day (UTC). */
    public static Instant overdueAt(LocalDate due) { return due.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(); }

    static LocalDate day(Instant t) { return LocalDate.ofInstant(t, ZoneOffset.UTC); }
}
