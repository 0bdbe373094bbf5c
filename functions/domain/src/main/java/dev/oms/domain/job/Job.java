package dev.oms.domain.job;

import dev.oms.domain.Actor;
import dev.oms.domain.DomainException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A background job: an import, export, bulk status change or reconciliation, and its state machine.
 * <pre>
 * queued --start--> running --complete--> succeeded | partially_succeeded | failed
 * queued --cancel--> cancelled            running --cancel--> (cancel_requested) --at the next checkpoint--> cancelled
 * running --start (redelivery)--> running, from the last checkpoint
 * </pre>
 * Every change bumps {@code version}; the store writes it only over the version it was read at.
 */
public final class Job {
    private final JobState s;

    public Job(JobState state) { this.s = state; }

    public static Job queue(String tenantId, String id, JobKind kind, Map<String, Object> parameters, Actor createdBy,
                            List<String> roles, boolean awaitingUpload, Instant now) {
        JobState st = new JobState();
        st.tenantId = tenantId;
        st.id = id;
        st.kind = kind;
        st.status = JobStatus.QUEUED;
        st.parameters = parameters == null ? Map.of() : parameters;
        st.createdBy = createdBy;
        st.createdByRoles = List.copyOf(roles);
        st.awaitingUpload = awaitingUpload;
        st.version = 1;
        st.createdAt = now;
        st.updatedAt = now;
        return new Job(st);
    }

    // ---- reads -------------------------------------------------------------------------------------------

    public JobState state() { return s; }
    public String id() { return s.id; }
    public String tenantId() { return s.tenantId; }
    public JobKind kind() { return s.kind; }
    public JobStatus status() { return s.status; }
    public long version() { return s.version; }
    public JobCounts counts() { return s.counts; }
    public String checkpoint() { return s.checkpoint; }
    public boolean cancelRequested() { return s.cancelRequested; }
    public boolean isFinal() { return s.status.isFinal(); }
    public Map<String, Object> parameters() { return s.parameters; }

    /** Waiting for a runner: queued, with its input in place. */
    public boolean isReadyToRun() { return s.status == JobStatus.QUEUED && !s.awaitingUpload; }

    // ---- transitions ---------------------------------------------------------------------------------------

    /** The file of an upload import arrived; answers whether the job should now be queued for a runner. */
    public boolean uploadArrived(Instant now) {
        if (s.status != JobStatus.QUEUED || !s.awaitingUpload) return false;
        s.awaitingUpload = false;
        touch(now);
        return true;
    }

    /** A runner takes the job: the first start, or a resume from the checkpoint after a crash or a time-out. */
    public void start(String runId, Instant now) {
        if (s.status.isFinal()) throw invalid("start", "job.already_finished");
        if (s.awaitingUpload) throw invalid("start", "job.awaiting_upload");
        if (s.status == JobStatus.QUEUED) s.startedAt = now;
        s.status = JobStatus.RUNNING;
        s.runId = runId;
        s.attempts++;
        touch(now);
    }

    /** Records progress: counts, where to resume, and kind-specific totals. */
    public void checkpoint(JobCounts counts, String checkpoint, Map<String, Long> summary, Instant now) {
        assertRunning("checkpoint");
        s.counts = counts;
        s.checkpoint = checkpoint;
        if (summary != null) s.summary = Collections.unmodifiableMap(new TreeMap<>(summary));
        touch(now);
    }

    /** A queued job is cancelled at once; a running one stops at its next checkpoint. */
    public void requestCancel(Instant now) {
        if (s.status.isFinal()) {
            throw DomainException.conflict("job.already_finished", "Job " + s.id + " already " + s.status.wire(), "Nothing to cancel.");
        }
        if (s.status == JobStatus.QUEUED) {
            finish(JobStatus.CANCELLED, now);
        } else if (!s.cancelRequested) {
            s.cancelRequested = true;
            touch(now);
        }
    }

    /** The runner honoured a cancellation request at a checkpoint. */
    public void stopCancelled(Instant now) {
        assertRunning("cancel");
        finish(JobStatus.CANCELLED, now);
    }

    /**
     * The runner got through all its input: succeeded when nothing failed, failed when nothing succeeded but some
     * failed, partially succeeded otherwise.
     */
    public void complete(Map<String, String> results, Instant now) {
        assertRunning("complete");
        Map<String, String> all = new LinkedHashMap<>(s.results);
        if (results != null) all.putAll(results);
        s.results = Map.copyOf(all);
        JobCounts c = s.counts;
        if (c.total() == null) s.counts = c.withTotal(c.processed());
        JobStatus outcome = c.failed() == 0 ? JobStatus.SUCCEEDED
                : c.succeeded() + c.skipped() == 0 ? JobStatus.FAILED : JobStatus.PARTIALLY_SUCCEEDED;
        finish(outcome, now);
    }

    /** The job as a whole could not run (unreadable source, bad mapping, ...). */
    public void fail(String code, String detail, Instant now) {
        if (s.status.isFinal()) throw invalid("fail", "job.already_finished");
        s.errorCode = code;
        s.errorDetail = detail;
        finish(JobStatus.FAILED, now);
    }

    public void addResult(String name, String key, Instant now) {
        Map<String, String> all = new LinkedHashMap<>(s.results);
        all.put(name, key);
        s.results = Map.copyOf(all);
        touch(now);
    }

    private void finish(JobStatus to, Instant now) {
        s.status = to;
        s.finishedAt = now;
        touch(now);
    }

    private void assertRunning(String action) {
        if (s.status != JobStatus.RUNNING) throw invalid(action, "job.invalid_transition");
    }

    private DomainException invalid(String action, String code) {
        return DomainException.conflict(code, "Job " + s.id + " is " + s.status.wire() + (s.awaitingUpload ? " (awaiting its upload)" : "")
                        + " and cannot " + action, "Poll the job for its current status.")
                .with("from", s.status.wire());
    }

    private void touch(Instant now) {
        s.updatedAt = now;
        s.version++;
    }
}
