package dev.oms.app;

import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.JobQueue;
import dev.oms.app.port.JobRepository;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.domain.DomainException;
import dev.oms.domain.job.Job;
import dev.oms.domain.job.JobKind;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The job use cases the API offers: submit, read, list and cancel; and what the upload notification does. The work
 * itself is done by the job runner (functions/jobs), which reads and checkpoints jobs through the same repository.
 */
public final class JobService {
    private final JobRepository jobs;
    private final JobQueue queue;
    private final IdGenerator ids;
    private final Clock clock;

    public JobService(JobRepository jobs, JobQueue queue, IdGenerator ids, Clock clock) {
        this.jobs = jobs;
        this.queue = queue;
        this.ids = ids;
        this.clock = clock;
    }

    public String newId() { return ids.next("job"); }

    /**
     * Stores a queued job (with the idempotent response of the request, in the same write) and hands it to the
     * runners, unless it waits for its upload. When the queue refuses it, the job is marked failed and the caller
     * gets 503, so nothing stays queued that no runner will ever see.
     */
    public Job submit(CommandContext ctx, String jobId, JobKind kind, Map<String, Object> parameters, boolean awaitingUpload) {
        Job job = Job.queue(ctx.tenantId(), jobId, kind, parameters, ctx.caller().actor(), List.copyOf(ctx.caller().roles()),
                awaitingUpload, clock.instant());
        jobs.create(job, ctx.journal().recordFor(job));
        ctx.journal().written();
        if (!awaitingUpload) enqueue(job);
        return job;
    }

    public Job get(CommandContext ctx, String jobId) {
        return jobs.find(ctx.tenantId(), jobId).orElseThrow(() -> notFound(jobId));
    }

    /** A job of the given kind; one of another kind is as unknown here as one of another tenant. */
    public Job get(CommandContext ctx, String jobId, JobKind kind) {
        Job job = get(ctx, jobId);
        if (job.kind() != kind) throw notFound(jobId);
        return job;
    }

    public Page<Job> list(CommandContext ctx, PageRequest page) { return jobs.list(ctx.tenantId(), page); }

    /** Queued jobs are cancelled at once; running ones stop at their next checkpoint. */
    public Job cancel(CommandContext ctx, String jobId) { return cancel(ctx, jobId, java.util.EnumSet.allOf(JobKind.class)); }

    /** {@link #cancel(CommandContext, String)} of a job of one of {@code kinds}; a job of another kind is 404 {@code job.not_found}. */
    public Job cancel(CommandContext ctx, String jobId, java.util.Set<JobKind> kinds) {
        return change(ctx.tenantId(), jobId, job -> {
            if (!kinds.contains(job.kind())) throw notFound(jobId);
            job.requestCancel(clock.instant());
            return job;
        }).orElseThrow(() -> notFound(jobId));
    }

    /**
     * The upload of an import arrived (S3 ObjectCreated): the job is queued for a runner, once, however often the
     * notification is delivered. Answers the job, or empty when there is no such job.
     */
    public Optional<Job> uploadArrived(String tenantId, String jobId) {
        boolean[] arrived = {false};
        Optional<Job> job = change(tenantId, jobId, j -> {
            arrived[0] = j.uploadArrived(clock.instant());
            return arrived[0] ? j : null;
        });
        if (arrived[0]) job.ifPresent(this::enqueue);
        return job;
    }

    /** Applies a change over the latest stored job, re-reading after a lost race; a null result writes nothing. */
    private Optional<Job> change(String tenantId, String jobId, UnaryOperator<Job> change) {
        for (int attempt = 1; ; attempt++) {
            Optional<Job> found = jobs.find(tenantId, jobId);
            if (found.isEmpty()) return found;
            long read = found.get().version();
            Job changed = change.apply(found.get());
            if (changed == null) return found;
            try {
                jobs.update(changed, read);
                return Optional.of(changed);
            } catch (ConcurrentUpdateException e) {
                if (attempt >= OrderTransactions.MAX_ATTEMPTS) throw e;
            }
        }
    }

    private void enqueue(Job job) {
        try {
            queue.enqueue(job.tenantId(), job.id());
        } catch (RuntimeException e) {
            change(job.tenantId(), job.id(), j -> {
                j.fail("job.enqueue_failed", "The job could not be handed to a runner: " + e.getMessage(), clock.instant());
                return j;
            });
            throw new DomainException(DomainException.Kind.UNAVAILABLE, "job.enqueue_failed", "The job queue is not reachable",
                    "Submit the job again in a moment.");
        }
    }

    private static DomainException notFound(String jobId) {
        return DomainException.notFound("job.not_found", "No job " + jobId);
    }
}
