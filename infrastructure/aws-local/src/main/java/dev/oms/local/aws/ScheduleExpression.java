package dev.oms.local.aws;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge Scheduler (and scheduled rule) expression, in UTC: {@code at(2026-12-24T18:00:00)} (once),
 * {@code rate(5 minutes)} ({@code minute(s)}, {@code hour(s)}, {@code day(s)}) and
 * {@code cron(minutes hours day-of-month month day-of-week year)} with {@code *}, {@code ?}, lists, ranges, steps and
 * the names JAN-DEC and SUN-SAT (day-of-week 1-7 is SUN-SAT, as on AWS). {@code L}, {@code W} and {@code #} are not
 * supported locally (the expression is refused at start, with the schedule's name).
 */
public final class ScheduleExpression {
    private static final Pattern AT = Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)");
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+)\\s+(minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.+)\\)");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private final String text;
    private final Instant at;
    private final Duration rate;
    private final BitSet minutes, hours, daysOfMonth, months, daysOfWeek, years;
    private final boolean anyDayOfMonth, anyDayOfWeek;

    private ScheduleExpression(String text, Instant at, Duration rate, String[] cron) {
        this.text = text;
        this.at = at;
        this.rate = rate;
        if (cron == null) {
            minutes = hours = daysOfMonth = months = daysOfWeek = years = null;
            anyDayOfMonth = anyDayOfWeek = true;
            return;
        }
        minutes = field(cron[0], 0, 59, null, 0);
        hours = field(cron[1], 0, 23, null, 0);
        anyDayOfMonth = cron[2].equals("?") || cron[2].equals("*");
        daysOfMonth = field(cron[2], 1, 31, null, 0);
        months = field(cron[3], 1, 12, MONTHS, 1);
        anyDayOfWeek = cron[4].equals("?") || cron[4].equals("*");
        daysOfWeek = field(cron[4], 1, 7, DAYS, 1);
        years = field(cron[5], 1970, 2199, null, 0);
    }

    /** Parses an expression; IllegalArgumentException names what is wrong. */
    public static ScheduleExpression parse(String expression) {
        String e = expression.trim();
        Matcher m = AT.matcher(e);
        if (m.matches()) return new ScheduleExpression(e, LocalDateTime.parse(m.group(1)).toInstant(ZoneOffset.UTC), null, null);
        m = RATE.matcher(e);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            if (n < 1) throw new IllegalArgumentException("rate must be at least 1: " + e);
            ChronoUnit unit = m.group(2).startsWith("minute") ? ChronoUnit.MINUTES : m.group(2).startsWith("hour") ? ChronoUnit.HOURS : ChronoUnit.DAYS;
            return new ScheduleExpression(e, null, Duration.of(n, unit), null);
        }
        m = CRON.matcher(e);
        if (m.matches()) {
            String[] f = m.group(1).trim().toUpperCase(Locale.ROOT).split("\\s+");
            if (f.length != 6) throw new IllegalArgumentException("cron needs 6 fields (minutes hours day-of-month month day-of-week year): " + e);
            if (!f[2].equals("?") && !f[4].equals("?")) throw new IllegalArgumentException("cron: day-of-month or day-of-week must be ?: " + e);
            for (String x : f) {
                if (x.contains("L") && !x.matches(".*[A-Z]{3}.*") || x.contains("W") && !x.matches(".*[A-Z]{3}.*") || x.contains("#")) {
                    throw new IllegalArgumentException("cron: L, W and # are not supported locally: " + e);
                }
            }
            return new ScheduleExpression(e, null, null, f);
        }
        throw new IllegalArgumentException("Not a schedule expression (at(...), rate(...) or cron(...)): " + expression);
    }

    public boolean once() { return at != null; }

    /**
     * The first time strictly after {@code after} that the schedule fires, or null when it never fires again. For
     * {@code rate}, {@code start} is when the schedule began (its first firing is one period later).
     */
    public Instant next(Instant start, Instant after) {
        if (at != null) return at.isAfter(after) ? at : null;
        if (rate != null) {
            if (after.isBefore(start)) return start.plus(rate);
            long periods = Duration.between(start, after).toMillis() / rate.toMillis() + 1;
            return start.plus(rate.multipliedBy(periods));
        }
        LocalDateTime t = LocalDateTime.ofInstant(after, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDateTime limit = t.plusYears(5);
        while (t.isBefore(limit)) {
            if (!years.get(t.getYear())) {
                t = t.plusYears(1).withDayOfYear(1).withHour(0).withMinute(0);
                continue;
            }
            if (!months.get(t.getMonthValue()) || !dayMatches(t)) {
                t = t.plusDays(1).withHour(0).withMinute(0);
                continue;
            }
            if (!hours.get(t.getHour())) {
                t = t.plusHours(1).withMinute(0);
                continue;
            }
            if (minutes.get(t.getMinute())) return t.toInstant(ZoneOffset.UTC);
            t = t.plusMinutes(1);
        }
        return null;
    }

    private boolean dayMatches(LocalDateTime t) {
        int dow = t.getDayOfWeek().getValue() % 7 + 1; // SUN=1 .. SAT=7
        if (anyDayOfMonth && anyDayOfWeek) return true;
        if (anyDayOfMonth) return daysOfWeek.get(dow);
        return daysOfMonth.get(t.getDayOfMonth());
    }

    /** A cron field as the set of values it allows. */
    private static BitSet field(String f, int min, int max, List<String> names, int nameBase) {
        BitSet out = new BitSet(max + 1);
        for (String part : f.split(",")) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = Integer.parseInt(part.substring(slash + 1));
                range = part.substring(0, slash);
            }
            int lo, hi;
            if (range.equals("*") || range.equals("?")) {
                lo = min;
                hi = max;
            } else if (range.contains("-")) {
                String[] r = range.split("-", 2);
                lo = value(r[0], names, nameBase);
                hi = value(r[1], names, nameBase);
            } else {
                lo = value(range, names, nameBase);
                hi = slash >= 0 ? max : lo;
            }
            if (lo < min || hi > max || lo > hi || step < 1) throw new IllegalArgumentException("cron field out of range: " + f);
            for (int v = lo; v <= hi; v += step) out.set(v);
        }
        return out;
    }

    private static int value(String s, List<String> names, int nameBase) {
        if (names != null && names.contains(s)) return names.indexOf(s) + nameBase;
        return Integer.parseInt(s);
    }

    @Override
    public String toString() { return text; }
}
