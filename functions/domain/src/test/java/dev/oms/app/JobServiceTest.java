package dev.oms.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.IdempotencyRecord;
import dev.oms.app.port.JobRepository;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.app.security.Caller;
import dev.oms.domain.DomainException;
import dev.oms.domain.job.Job;
import dev.oms.domain.job.JobKind;
import dev.oms.domain.job.JobStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JobServiceTest {
    final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    final Jobs repo = new Jobs();
    final List<String> queued = new ArrayList<>();
    final AtomicInteger ids = new AtomicInteger();
    final JobService service = new JobService(repo, (t, id) -> queued.add(t + "/" + id), p -> p + "_" + ids.incrementAndGet(), clock);
    final CommandContext ctx = new CommandContext(new Caller("t1", "sup", "agent", Set.of("supervisor"), null, null), "corr", null, null, null);

    @Test
    void aSubmittedJobIsStoredAsTheSubmitterAndQueuedUnlessItWaitsForItsUpload() {
        Job job = service.submit(ctx, service.newId(), JobKind.EXPORT, Map.of("format", "csv"), false);
        assertThat(job.id()).isEqualTo("job_1");
        assertThat(job.state().createdBy.id()).isEqualTo("sup");
        assertThat(job.state().createdByRoles).containsExactly("supervisor");
        assertThat(queued).containsExactly("t1/job_1");
        Job upload = service.submit(ctx, service.newId(), JobKind.IMPORT, Map.of(), true);
        assertThat(queued).hasSize(1);
        assertThat(service.uploadArrived("t1", upload.id())).isPresent();
        assertThat(service.uploadArrived("t1", upload.id())).isPresent();
        assertThat(queued).containsExactly("t1/job_1", "t1/job_2");
        assertThat(service.uploadArrived("t1", "job_404")).isEmpty();
    }

    @Test
    void aJobTheQueueRefusesIsFailedAndTheCallerToldToRetry() {
        JobService down = new JobService(repo, (t, id) -> { throw new IllegalStateException("sqs down"); }, p -> p + "_9", clock);
        assertThatThrownBy(() -> down.submit(ctx, "job_9", JobKind.EXPORT, Map.of(), false)).isInstanceOf(DomainException.class)
                .satisfies(e -> assertThat(((DomainException) e).kind()).isEqualTo(DomainException.Kind.UNAVAILABLE));
        Job stored = repo.find("t1", "job_9").orElseThrow();
        assertThat(stored.status()).isEqualTo(JobStatus.FAILED);
        assertThat(stored.state().errorCode).isEqualTo("job.enqueue_failed");
    }

    @Test
    void jobsOfOtherTenantsOrKindsAreNotFoundAndACancelSurvivesARace() {
        Job job = service.submit(ctx, service.newId(), JobKind.EXPORT, Map.of(), false);
        CommandContext stranger = new CommandContext(new Caller("t2", "sup", "agent", Set.of("supervisor"), null, null), "c", null, null, null);
        assertThatThrownBy(() -> service.get(stranger, job.id())).hasFieldOrPropertyWithValue("code", "job.not_found");
        assertThatThrownBy(() -> service.get(ctx, job.id(), JobKind.IMPORT)).hasFieldOrPropertyWithValue("code", "job.not_found");
        assertThat(service.get(ctx, job.id(), JobKind.EXPORT).id()).isEqualTo(job.id());
        repo.conflictsLeft = 2;
        assertThat(service.cancel(ctx, job.id()).status()).isEqualTo(JobStatus.CANCELLED);
        assertThatThrownBy(() -> service.cancel(stranger, job.id())).hasFieldOrPropertyWithValue("code", "job.not_found");
    }

    /** Jobs in memory, copied in and out as a store would, optionally losing the next few races. */
    static final class Jobs implements JobRepository {
        final Map<String, Job> byKey = new HashMap<>();
        int conflictsLeft;

        @Override public void create(Job job, IdempotencyRecord idempotency) { byKey.put(job.tenantId() + "/" + job.id(), job); }

        @Override
        public Optional<Job> find(String tenantId, String jobId) {
            Job j = byKey.get(tenantId + "/" + jobId);
            if (j == null) return Optional.empty();
            Job copy = new Job(new dev.oms.domain.job.JobState());
            copyState(j, copy);
            return Optional.of(copy);
        }

        @Override
        public void update(Job job, long expectedVersion) {
            Job stored = byKey.get(job.tenantId() + "/" + job.id());
            if (conflictsLeft-- > 0 || stored.version() != expectedVersion) throw new ConcurrentUpdateException(stored.version());
            byKey.put(job.tenantId() + "/" + job.id(), job);
        }

        @Override public Page<Job> list(String tenantId, PageRequest page) { return new Page<>(List.copyOf(byKey.values()), null); }

        private static void copyState(Job from, Job to) {
            var a = from.state();
            var b = to.state();
            b.tenantId = a.tenantId; b.id = a.id; b.kind = a.kind; b.status = a.status; b.parameters = a.parameters;
            b.createdBy = a.createdBy; b.createdByRoles = a.createdByRoles; b.counts = a.counts; b.checkpoint = a.checkpoint;
            b.awaitingUpload = a.awaitingUpload; b.cancelRequested = a.cancelRequested; b.runId = a.runId; b.attempts = a.attempts;
            b.results = a.results; b.summary = a.summary; b.errorCode = a.errorCode; b.errorDetail = a.errorDetail;
            b.version = a.version; b.createdAt = a.createdAt; b.updatedAt = a.updatedAt; b.startedAt = a.startedAt; b.finishedAt = a.finishedAt;
        }
    }
}
