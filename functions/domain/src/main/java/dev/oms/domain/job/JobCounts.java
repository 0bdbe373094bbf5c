package dev.oms.domain.job;

/**
 * How far a job got: {@code total} rows or orders when known (null until then), {@code processed} of them, and how
 * each ended: {@code succeeded}, {@code failed}, or {@code skipped} (nothing to do, e.g. already imported).
 */
public record JobCounts(Long total, long processed, long succeeded, long failed, long skipped) {
    public static final JobCounts ZERO = new JobCounts(null, 0, 0, 0, 0);

    public JobCounts plus(long ok, long bad, long skip) {
        return new JobCounts(total, processed + ok + bad + skip, succeeded + ok, failed + bad, skipped + skip);
    }

    public JobCounts withTotal(Long newTotal) { return new JobCounts(newTotal, processed, succeeded, failed, skipped); }

    /** Done share from 0 to 1, or null while the total is unknown. */
    public Double progress() {
        if (total == null) return null;
        if (total == 0) return 1.0;
        return Math.min(1.0, (double) processed / total);
    }
}
