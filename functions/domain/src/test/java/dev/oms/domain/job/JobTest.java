package dev.oms.domain.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.domain.Actor;
import dev.oms.domain.DomainException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static Job queued(boolean awaitingUpload) {
        return Job.queue("t1", "job_1", JobKind.IMPORT, Map.of("format", "ndjson"), new Actor("sup", "agent"), List.of("supervisor"),
                awaitingUpload, T0);
    }

    static Job running() {
        Job j = queued(false);
        j.start("run-1", T0.plusSeconds(1));
        return j;
    }

    @Test
    void aQueuedJobStartsRunsAndSucceedsBumpingItsVersionOnEveryChange() {
        Job j = queued(false);
        assertThat(j.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(j.version()).isEqualTo(1);
        assertThat(j.isReadyToRun()).isTrue();
        j.start("run-1", T0.plusSeconds(1));
        assertThat(j.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(j.state().startedAt).isEqualTo(T0.plusSeconds(1));
        assertThat(j.state().attempts).isEqualTo(1);
        j.checkpoint(new JobCounts(10L, 4, 3, 0, 1), "4", Map.of("created", 3L), T0.plusSeconds(2));
        assertThat(j.checkpoint()).isEqualTo("4");
        assertThat(j.counts().progress()).isEqualTo(0.4);
        j.checkpoint(new JobCounts(10L, 10, 9, 0, 1), "10", null, T0.plusSeconds(3));
        j.complete(Map.of("report", "reports/t1/job_1.ndjson"), T0.plusSeconds(4));
        assertThat(j.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(j.state().summary).containsEntry("created", 3L);
        assertThat(j.state().results).containsEntry("report", "reports/t1/job_1.ndjson");
        assertThat(j.state().finishedAt).isEqualTo(T0.plusSeconds(4));
        assertThat(j.version()).isEqualTo(5);
    }

    @Test
    void theOutcomeFollowsTheCounts() {
        Job some = running();
        some.checkpoint(new JobCounts(3L, 3, 1, 2, 0), "3", null, T0);
        some.complete(null, T0);
        assertThat(some.status()).isEqualTo(JobStatus.PARTIALLY_SUCCEEDED);

        Job none = running();
        none.checkpoint(new JobCounts(2L, 2, 0, 2, 0), "2", null, T0);
        none.complete(null, T0);
        assertThat(none.status()).isEqualTo(JobStatus.FAILED);

        Job skippedOnly = running();
        skippedOnly.checkpoint(new JobCounts(null, 2, 0, 1, 1), "2", null, T0);
        skippedOnly.complete(null, T0);
        assertThat(skippedOnly.status()).isEqualTo(JobStatus.PARTIALLY_SUCCEEDED);
        assertThat(skippedOnly.counts().total()).as("an unknown total becomes what was processed").isEqualTo(2L);
    }

    @Test
    void aRedeliveryResumesARunningJobUnderANewRun() {
        Job j = running();
        j.checkpoint(new JobCounts(null, 100, 100, 0, 0), "100", null, T0);
        j.start("run-2", T0.plusSeconds(60));
        assertThat(j.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(j.state().runId).isEqualTo("run-2");
        assertThat(j.state().attempts).isEqualTo(2);
        assertThat(j.checkpoint()).isEqualTo("100");
        assertThat(j.state().startedAt).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void cancellingAQueuedJobIsImmediateARunningOneStopsAtItsCheckpoint() {
        Job q = queued(false);
        q.requestCancel(T0);
        assertThat(q.status()).isEqualTo(JobStatus.CANCELLED);
        assertThatThrownBy(() -> q.start("run", T0)).isInstanceOf(DomainException.class).hasFieldOrPropertyWithValue("code", "job.already_finished");

        Job r = running();
        r.requestCancel(T0);
        assertThat(r.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(r.cancelRequested()).isTrue();
        long v = r.version();
        r.requestCancel(T0);
        assertThat(r.version()).as("asking twice changes nothing").isEqualTo(v);
        r.stopCancelled(T0);
        assertThat(r.status()).isEqualTo(JobStatus.CANCELLED);
        assertThatThrownBy(() -> r.requestCancel(T0)).isInstanceOf(DomainException.class)
                .hasFieldOrPropertyWithValue("code", "job.already_finished");
    }

    @Test
    void anUploadImportWaitsForItsFileOnce() {
        Job j = queued(true);
        assertThat(j.isReadyToRun()).isFalse();
        assertThatThrownBy(() -> j.start("run", T0)).isInstanceOf(DomainException.class).hasFieldOrPropertyWithValue("code", "job.awaiting_upload");
        assertThat(j.uploadArrived(T0)).isTrue();
        assertThat(j.uploadArrived(T0)).as("a repeated notification").isFalse();
        assertThat(j.isReadyToRun()).isTrue();
    }

    @Test
    void onlyARunningJobCheckpointsCompletesOrStopsAndAFinishedOneCannotFail() {
        Job q = queued(false);
        assertThatThrownBy(() -> q.checkpoint(JobCounts.ZERO, "1", null, T0)).hasFieldOrPropertyWithValue("code", "job.invalid_transition");
        assertThatThrownBy(() -> q.complete(null, T0)).hasFieldOrPropertyWithValue("code", "job.invalid_transition");
        assertThatThrownBy(() -> q.stopCancelled(T0)).hasFieldOrPropertyWithValue("code", "job.invalid_transition");
        q.fail("import.source_unreadable", "No such object", T0);
        assertThat(q.status()).isEqualTo(JobStatus.FAILED);
        assertThat(q.state().errorCode).isEqualTo("import.source_unreadable");
        assertThatThrownBy(() -> q.fail("x", "y", T0)).hasFieldOrPropertyWithValue("code", "job.already_finished");
    }

    @Test
    void countsAddUpAndWireNamesRoundTrip() {
        JobCounts c = JobCounts.ZERO.plus(3, 1, 2);
        assertThat(c).isEqualTo(new JobCounts(null, 6, 3, 1, 2));
        assertThat(c.progress()).isNull();
        assertThat(c.withTotal(0L).progress()).isEqualTo(1.0);
        for (JobKind k : JobKind.values()) assertThat(JobKind.fromWire(k.wire())).isEqualTo(k);
        for (JobStatus s : JobStatus.values()) assertThat(JobStatus.fromWire(s.wire())).isEqualTo(s);
        assertThat(JobKind.BULK_UPDATE_STATUS.wire()).isEqualTo("bulk_update_status");
        assertThat(JobStatus.PARTIALLY_SUCCEEDED.wire()).isEqualTo("partially_succeeded");
    }
}
