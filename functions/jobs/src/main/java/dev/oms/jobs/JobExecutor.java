package dev.oms.jobs;

import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.domain.job.Job;
import dev.oms.domain.job.JobKind;
import dev.oms.platform.Platform;
import dev.oms.platform.config.Env;
import dev.oms.platform.jobs.Jobs;
import dev.oms.platform.observability.Observability;
import dev.oms.platform.storage.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;

/**
 * Runs one delivery of a job message: takes the job (a fresh start, or a resume from its checkpoint), runs its kind's
 * work, and settles the outcome. A job that runs out of time re-queues itself; one whose input is unusable fails; a
 * fault (DynamoDB, S3) is thrown so SQS delivers the message again and the job resumes from its checkpoint, until the
 * last delivery ({@link #MAX_RECEIVES}, the queue's maxReceiveCount), which fails the job rather than leave it running.
 */
public final class JobExecutor {
    private static volatile ObjectStore s3;

    /**
     * The job files as the runner streams them: the store a test or the benchmark put in place ({@link Jobs#use}),
     * else the jobs bucket through the S3 client (the API functions only link and write small objects: {@link Jobs#links}).
     */
    static ObjectStore store(Jobs jobs) {
        return jobs.injectedStore().orElseGet(() -> {
            if (s3 == null) s3 = dev.oms.platform.storage.S3ObjectStore.of(Jobs.bucket());
            return s3;
        });
    }

    public static final int MAX_RECEIVES = 3;
    /** Time a run keeps in hand: it stops taking chunks when less than this is left of its invocation. */
    public static final long RESERVE_MILLIS = 60_000;

    private final Jobs jobs;
    private final Map<JobKind, JobWork> works = new EnumMap<>(JobKind.class);

    public JobExecutor(Jobs jobs, int chunkRows, int lanes) {
        this.jobs = jobs;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, lanes), r -> {
            Thread t = new Thread(r, "job-lane");
            t.setDaemon(true);
            return t;
        });
        Lanes rowLanes = new Lanes(pool, lanes);
        OrderPages pages = new OrderPages(Platform.get());
        works.put(JobKind.IMPORT, new ImportWork(Platform.get(), rowLanes, chunkRows));
        works.put(JobKind.EXPORT, new ExportWork(pages));
        works.put(JobKind.BULK_UPDATE_STATUS, new BulkStatusWork(Platform.get(), pages, rowLanes, chunkRows));
        works.put(JobKind.BULK_RECONCILE, new ReconcileWork(Platform.get(), pages, chunkRows));
        works.put(JobKind.BULK_FULFILLMENTS, new BulkFulfillmentsWork(Platform.get(), chunkRows));
        works.put(JobKind.BULK_RECEIVE_RETURNS, new ReturnReceiptsWork(Platform.get(), rowLanes, chunkRows));
        works.put(JobKind.GDPR_EXPORT, new SubjectExportWork(Platform.get()));
        works.put(JobKind.FULFILLMENT_IMPORT, new FulfilmentImportWork(Platform.get(), chunkRows));
        works.put(JobKind.FULFILLMENT_EXPORT, new FulfilmentExportWork(Platform.get()));
        ConnectorJobs connectorJobs = new ConnectorJobs(Platform.get());
        works.put(JobKind.CONNECTOR_PUSH, new ConnectorPushWork(connectorJobs));
        works.put(JobKind.CONNECTOR_INVENTORY_SYNC, new InventorySyncWork(connectorJobs));
        works.put(JobKind.SHIPMENT_LABELS, new ShipmentLabelsWork(Platform.get(), LabelJobs.renderer()));
        works.put(JobKind.BULK_ALLOCATIONS, new BulkAllocationsWork(Platform.get()));
    }

    /** Chunk size and lanes from {@code JOBS_CHUNK_ROWS} (100) and {@code JOBS_LANES} (4). */
    public static JobExecutor fromEnvironment(Jobs jobs) {
        return new JobExecutor(jobs, Integer.parseInt(Env.get("JOBS_CHUNK_ROWS", "100")), Integer.parseInt(Env.get("JOBS_LANES", "4")));
    }

    /** How a delivery ended: the run's end, or null when there was nothing to do (finished, unknown or not yet uploaded). */
    public String run(String tenantId, String jobId, LongSupplier remainingMillis, int receiveCount) {
        Job job = take(tenantId, jobId);
        if (job == null) return null;
        JobRun run = new JobRun(job, jobs.repository, store(jobs), jobs.core.clock, remainingMillis, RESERVE_MILLIS);
        try {
            works.get(job.kind()).run(run);
        } catch (BadInput e) {
            run.fail(e.code(), e.getMessage());
        } catch (ObjectStore.NotFound e) {
            run.fail("job.source_not_found", e.getMessage());
        } catch (JobRun.Superseded e) {
            return "superseded";
        } catch (IOException | RuntimeException e) {
            if (receiveCount < MAX_RECEIVES) throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
            Observability.error("job " + jobId + " failed on its last delivery", e);
            run.fail("job.crashed", "The job failed " + receiveCount + " times; the last error: " + e);
        }
        if (run.end() == JobRun.End.PAUSED) jobs.queue().enqueue(tenantId, jobId);
        return run.end() == null ? null : run.end().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Starts (or resumes) the job under a new run id; null when there is nothing to run. */
    private Job take(String tenantId, String jobId) {
        for (int attempt = 1; ; attempt++) {
            Job job = jobs.repository.find(tenantId, jobId).orElse(null);
            if (job == null || job.isFinal() || job.state().awaitingUpload) return null;
            long read = job.version();
            job.start(UUID.randomUUID().toString(), jobs.core.clock.instant());
            try {
                jobs.repository.update(job, read);
                return job;
            } catch (ConcurrentUpdateException e) {
                if (attempt >= 10) throw e;
            }
        }
    }
}
