package dev.oms.jobs;

import dev.oms.app.CommandContext;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.JobRepository;
import dev.oms.app.port.ResponseJournal;
import dev.oms.app.security.Caller;
import dev.oms.domain.job.Job;
import dev.oms.domain.job.JobCounts;
import dev.oms.domain.job.JobState;
import dev.oms.platform.storage.ObjectStore;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * One run of a job (a delivery of its message): what the work reads (parameters, checkpoint, the submitter as the
 * caller) and how it reports back. Before each chunk the work asks {@link #proceed()}; after it, it saves a
 * {@link #checkpoint}. A run stops when the job's cancellation was requested (the job ends cancelled), when its time
 * is nearly up (it is re-queued and the next run resumes from the checkpoint), or when another run took the job over.
 */
final class JobRun {
    /** How a run ended. */
    enum End { COMPLETED, CANCELLED, PAUSED, FAILED }

    /** Another run holds the job now (a duplicate delivery): this one stops without writing. */
    static final class Superseded extends RuntimeException {
        Superseded() { super(null, null, false, false); }
    }

    private final JobRepository jobs;
    private final ObjectStore store;
    private final Clock clock;
    private final LongSupplier remainingMillis;
    private final long reserveMillis;
    private Job job;
    private End end;

    JobRun(Job job, JobRepository jobs, ObjectStore store, Clock clock, LongSupplier remainingMillis, long reserveMillis) {
        this.job = job;
        this.jobs = jobs;
        this.store = store;
        this.clock = clock;
        this.remainingMillis = remainingMillis;
        this.reserveMillis = reserveMillis;
    }

    Job job() { return job; }

    /** The jobs bucket: inputs, reports, exports. */
    ObjectStore store() { return store; }

    String id() { return job.id(); }

    String tenantId() { return job.tenantId(); }

    Map<String, Object> parameters() { return job.parameters(); }

    String parameter(String name) {
        Object v = job.parameters().get(name);
        return v == null ? null : v.toString();
    }

    /** The stored checkpoint: where the previous run stopped, null for a fresh start. */
    String checkpoint() { return job.checkpoint(); }

    JobCounts counts() { return job.counts(); }

    Map<String, Long> summary() { return job.state().summary; }

    End end() { return end; }

    /** The submitter, as whom every use case runs: its roles, its name on the audit trail, the job as correlation id. */
    CommandContext context(String reason, ResponseJournal journal) {
        JobState s = job.state();
        Object scope = s.parameters.get(dev.oms.platform.jobs.JobParameters.WAREHOUSE_SCOPE);
        Caller caller = new Caller(s.tenantId, s.createdBy.id(), s.createdBy.type(), Set.copyOf(s.createdByRoles), null, null, null,
                scope instanceof String w ? w : null);
        return new CommandContext(caller, s.id, null, reason, journal);
    }

    /**
     * Whether to take on another chunk: re-reads the job (one GetItem) to see a cancellation, and checks the time left.
     * With {@code resumable} false (exports), the run never pauses: it has to finish within its invocation.
     */
    boolean proceed(boolean resumable) {
        Job stored = jobs.find(job.tenantId(), job.id()).orElseThrow(Superseded::new);
        if (!job.state().runId.equals(stored.state().runId)) throw new Superseded();
        job = stored;
        if (job.cancelRequested()) {
            save(j -> j.stopCancelled(clock.instant()));
            end = End.CANCELLED;
            return false;
        }
        if (resumable && remainingMillis.getAsLong() < reserveMillis) {
            end = End.PAUSED;
            return false;
        }
        return true;
    }

    /** Records progress and where to resume (written over the version this run last saw). */
    void checkpoint(JobCounts counts, String position, Map<String, Long> summary) {
        save(j -> j.checkpoint(counts, position, summary, clock.instant()));
    }

    void complete(Map<String, String> results) {
        save(j -> j.complete(results, clock.instant()));
        end = End.COMPLETED;
    }

    void fail(String code, String detail) {
        save(j -> j.fail(code, detail, clock.instant()));
        end = End.FAILED;
    }

    /** Applies a change and writes it; after a lost race (a cancel request), re-reads and applies it again. */
    private void save(java.util.function.Consumer<Job> change) {
        for (int attempt = 1; ; attempt++) {
            long read = job.version();
            change.accept(job);
            try {
                jobs.update(job, read);
                return;
            } catch (ConcurrentUpdateException e) {
                Job stored = jobs.find(job.tenantId(), job.id()).orElseThrow(Superseded::new);
                if (!stored.state().runId.equals(job.state().runId) || stored.isFinal() || attempt >= 10) throw new Superseded();
                job = stored;
            }
        }
    }
}
