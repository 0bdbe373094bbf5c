package dev.oms.domain.job;

import dev.oms.domain.Actor;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The stored fields of a job. Only {@link Job} changes them; adapters read and fill them to load and save. */
public final class JobState {
    public String tenantId;
    public String id;
    public JobKind kind;
    public JobStatus status;
    /** The request, as plain values (String, Number, Boolean, List, Map). */
    public Map<String, Object> parameters = Map.of();
    /** Who asked: the runner acts as this caller, with these roles. */
    public Actor createdBy;
    public List<String> createdByRoles = List.of();
    public JobCounts counts = JobCounts.ZERO;
    /** Where the runner resumes (a line number, a list position, an index); null before the first checkpoint. */
    public String checkpoint;
    /** An import whose file is still to be uploaded to its presigned URL. */
    public boolean awaitingUpload;
    public boolean cancelRequested;
    /** The run that holds the job: each delivery that starts or resumes it takes a new one. */
    public String runId;
    public int attempts;
    /** Object keys of what the job produced: {@code report}, {@code download}. */
    public Map<String, String> results = Map.of();
    /** Kind-specific totals, e.g. created/updated for imports, missing/extra/different for reconciliations. */
    public Map<String, Long> summary = Map.of();
    public String errorCode;
    public String errorDetail;
    public long version;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant startedAt;
    public Instant finishedAt;
}
