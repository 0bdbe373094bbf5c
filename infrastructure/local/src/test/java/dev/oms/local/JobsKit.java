package dev.oms.local;

import static dev.oms.local.TestSystem.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oms.jobs.JobExecutor;
import dev.oms.platform.jobs.Jobs;
import dev.oms.platform.json.Json;
import dev.oms.platform.storage.DirectoryObjectStore;
import dev.oms.platform.storage.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * The jobs as the tests run them: in the JVM of the local runtime (same Platform, same DynamoDB Local), with the jobs
 * bucket in a temporary directory and a queue that records what was enqueued; the tests call the runner directly.
 */
final class JobsKit {
    static final String BUCKET = "jobsbucket";
    private static JobsKit kit;

    final Jobs jobs;
    final DirectoryObjectStore store;
    final List<String> queued = new CopyOnWriteArrayList<>();
    final JobExecutor executor;

    private JobsKit() {
        runtime();
        try {
            store = new DirectoryObjectStore(Files.createTempDirectory("oms-jobs-it"), BUCKET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jobs = Jobs.get();
        jobs.use(store, (tenant, jobId) -> queued.add(jobId));
        executor = new JobExecutor(jobs, 5, 2);
    }

    static synchronized JobsKit get() {
        if (kit == null) kit = new JobsKit();
        return kit;
    }

    /** Puts a file where a tenant's imports may come from and answers its s3:// URI. */
    String put(String tenant, String name, String content) {
        String key = "imports/" + tenant + "/" + name;
        store.write(key, "text/plain", out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
        return store.uri(key);
    }

    /** One run of the job, with all the time in the world. */
    String run(String tenant, String jobId) { return run(tenant, jobId, () -> Long.MAX_VALUE); }

    String run(String tenant, String jobId, LongSupplier remainingMillis) { return executor.run(tenant, jobId, remainingMillis, 1); }

    /** One delivery of the job's message, the {@code receiveCount}-th (the last, 3, fails the job rather than throw). */
    String deliver(String tenant, String jobId, int receiveCount) { return executor.run(tenant, jobId, () -> Long.MAX_VALUE, receiveCount); }

    /** Runs a job with another store (to break its input on purpose). */
    String runWith(ObjectStore other, String tenant, String jobId) {
        jobs.use(other, null);
        try {
            return run(tenant, jobId);
        } finally {
            jobs.use(store, null);
        }
    }

    /** The lines of a file behind a presigned (file:) URL. */
    static List<String> lines(String url) {
        try {
            return Files.readAllLines(Path.of(URI.create(url)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> ndjson(String url) {
        List<JsonNode> out = new ArrayList<>();
        for (String l : lines(url)) {
            try {
                out.add(Json.parse(l));
            } catch (Exception e) {
                throw new IllegalStateException(l, e);
            }
        }
        return out;
    }
}
