package dev.oms.platform.jobs;

import dev.oms.app.JobService;
import dev.oms.app.port.JobQueue;
import dev.oms.platform.config.Env;
import dev.oms.platform.dynamo.DynamoJobRepository;
import dev.oms.platform.storage.ObjectLinks;
import dev.oms.platform.storage.ObjectStore;
import dev.oms.platform.storage.SignedObjectLinks;
import dev.oms.platform.messaging.SqsJobQueue;
import dev.oms.platform.wiring.CoreServices;

/**
 * The jobs' part of the composition root: the job repository and use cases on the container's {@link CoreServices},
 * the jobs bucket ({@code JOBS_BUCKET}) and queue ({@code JOBS_QUEUE_URL}). The API functions see the bucket as
 * {@link #links} (signed requests, no S3 client); the job runner streams its files through its own store
 * ({@code JobExecutor.store}). Tests, the benchmark and a runtime without S3 or SQS swap the bucket and the queue with
 * {@link #use}: a directory and a direct call.
 */
public final class Jobs {
    private static volatile Jobs instance;

    public final CoreServices core;
    public final DynamoJobRepository repository;
    public final JobService service;
    private volatile ObjectStore injected;
    private volatile ObjectLinks links;
    private volatile JobQueue queue;

    private Jobs(CoreServices core) {
        this.core = core;
        this.repository = new DynamoJobRepository(core.table);
        this.service = new JobService(repository, (tenant, jobId) -> queue().enqueue(tenant, jobId), core.ids, core.clock);
    }

    public static Jobs get() {
        Jobs j = instance;
        if (j == null) {
            synchronized (Jobs.class) {
                if (instance == null) instance = new Jobs(CoreServices.get());
                j = instance;
            }
        }
        return j;
    }

    /** The jobs bucket's name. */
    public static String bucket() { return Env.get("JOBS_BUCKET", "oms-jobs"); }

    /** The job files as the API functions use them: the store {@link #use} put in place, else the bucket through signed requests. */
    public ObjectLinks links() {
        ObjectStore s = injected;
        if (s != null) return s;
        ObjectLinks l = links;
        if (l == null) {
            synchronized (this) {
                if (links == null) links = new SignedObjectLinks(bucket());
                l = links;
            }
        }
        return l;
    }

    /** The store {@link #use} put in place of the bucket (a directory in tests and the benchmark), if any. */
    public java.util.Optional<ObjectStore> injectedStore() { return java.util.Optional.ofNullable(injected); }

    public JobQueue queue() {
        JobQueue q = queue;
        if (q == null) {
            synchronized (this) {
                if (queue == null) queue = new SqsJobQueue(Env.required("JOBS_QUEUE_URL"));
                q = queue;
            }
        }
        return q;
    }

    /** Replaces the bucket and the queue (either may be null to keep it). */
    public synchronized void use(ObjectStore newStore, JobQueue newQueue) {
        if (newStore != null) injected = newStore;
        if (newQueue != null) queue = newQueue;
    }
}
