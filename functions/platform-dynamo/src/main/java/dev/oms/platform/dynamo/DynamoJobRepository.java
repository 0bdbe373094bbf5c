package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.ConcurrentUpdateException;
import dev.oms.app.port.IdempotencyRecord;
import dev.oms.app.port.JobRepository;
import dev.oms.app.port.Page;
import dev.oms.app.port.PageRequest;
import dev.oms.domain.Actor;
import dev.oms.domain.job.Job;
import dev.oms.domain.job.JobCounts;
import dev.oms.domain.job.JobKind;
import dev.oms.domain.job.JobState;
import dev.oms.domain.job.JobStatus;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Shapes;
import dev.oms.platform.json.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Jobs: one item each ({@code T#t#JOB#id}), listed newest first on GSI1 ({@code T#t#JOBS}). */
public final class DynamoJobRepository implements JobRepository {
    private final SingleTable table;

    public DynamoJobRepository(SingleTable table) { this.table = table; }

    @Override
    public void create(Job job, IdempotencyRecord idempotency) {
        IdempotencyStore.putNew(table, toItem(job), idempotency);
    }

    @Override
    public Optional<Job> find(String tenantId, String jobId) {
        return table.get(Keys.job(tenantId, jobId), Keys.SINGLE).map(DynamoJobRepository::fromItem);
    }

    @Override
    public void update(Job job, long expectedVersion) {
        try {
            table.put(toItem(job), Expression.builder().expression("version = :v")
                    .putExpressionValue(":v", AttributeValue.fromN(Long.toString(expectedVersion))).build());
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentUpdateException(expectedVersion + 1);
        }
    }

    @Override
    public Page<Job> list(String tenantId, PageRequest page) {
        var result = table.query(TableQuery.builder().index(Keys.GSI1).keyCondition(KeyCondition.partition(Keys.jobs(tenantId)))
                .scanIndexForward(false).limit(page.limit()).exclusiveStartKey(Positions.decode(page.position())).build()).iterator().next();
        List<Job> jobs = new ArrayList<>();
        result.items().forEach(i -> jobs.add(fromItem(i)));
        return new Page<>(jobs, Positions.encode(result.lastEvaluatedKey()));
    }

    static ObjectNode toItem(Job job) {
        JobState s = job.state();
        ObjectNode o = Json.object();
        o.put(Keys.PK, Keys.job(s.tenantId, s.id));
        o.put(Keys.SK, Keys.SINGLE);
        o.put("type", "job");
        o.put(Keys.GSI1PK, Keys.jobs(s.tenantId));
        o.put(Keys.GSI1SK, Keys.createdSk(Times.format(s.createdAt), s.id));
        o.put("id", s.id);
        o.put("tenant_id", s.tenantId);
        o.put("kind", s.kind.wire());
        o.put("status", s.status.wire());
        o.set("parameters", Json.valueToTree(s.parameters));
        o.putObject("created_by").put("id", s.createdBy.id()).put("type", s.createdBy.type()).set("roles", Json.valueToTree(s.createdByRoles));
        ObjectNode counts = o.putObject("counts");
        if (s.counts.total() != null) counts.put("total", s.counts.total());
        counts.put("processed", s.counts.processed()).put("succeeded", s.counts.succeeded())
                .put("failed", s.counts.failed()).put("skipped", s.counts.skipped());
        o.put("checkpoint", s.checkpoint);
        o.put("awaiting_upload", s.awaitingUpload);
        o.put("cancel_requested", s.cancelRequested);
        o.put("run_id", s.runId);
        o.put("attempts", s.attempts);
        o.set("results", Json.valueToTree(s.results));
        o.set("summary", Json.valueToTree(s.summary));
        o.put("error_code", s.errorCode);
        o.put("error_detail", s.errorDetail);
        o.put("version", s.version);
        o.put("created_at", Times.format(s.createdAt));
        o.put("updated_at", Times.format(s.updatedAt));
        o.put("started_at", Times.format(s.startedAt));
        o.put("finished_at", Times.format(s.finishedAt));
        return o;
    }

    static Job fromItem(JsonNode o) {
        JobState s = new JobState();
        s.id = Shapes.text(o, "id");
        s.tenantId = Shapes.text(o, "tenant_id");
        s.kind = JobKind.fromWire(Shapes.text(o, "kind"));
        s.status = JobStatus.fromWire(Shapes.text(o, "status"));
        s.parameters = o.has("parameters") ? Json.toMap(o.get("parameters")) : Map.of();
        JsonNode by = o.path("created_by");
        s.createdBy = new Actor(by.path("id").asText(), by.path("type").asText());
        List<String> roles = new ArrayList<>();
        by.path("roles").forEach(r -> roles.add(r.asText()));
        s.createdByRoles = List.copyOf(roles);
        JsonNode c = o.path("counts");
        s.counts = new JobCounts(c.hasNonNull("total") ? c.get("total").asLong() : null, c.path("processed").asLong(),
                c.path("succeeded").asLong(), c.path("failed").asLong(), c.path("skipped").asLong());
        s.checkpoint = Shapes.text(o, "checkpoint");
        s.awaitingUpload = o.path("awaiting_upload").asBoolean();
        s.cancelRequested = o.path("cancel_requested").asBoolean();
        s.runId = Shapes.text(o, "run_id");
        s.attempts = o.path("attempts").asInt();
        s.results = Map.copyOf(Shapes.stringMap(o.path("results")));
        Map<String, Long> summary = new java.util.TreeMap<>();
        o.path("summary").properties().forEach(e -> summary.put(e.getKey(), e.getValue().asLong()));
        s.summary = java.util.Collections.unmodifiableMap(summary);
        s.errorCode = Shapes.text(o, "error_code");
        s.errorDetail = Shapes.text(o, "error_detail");
        s.version = o.path("version").asLong();
        s.createdAt = Times.parse(Shapes.text(o, "created_at"));
        s.updatedAt = Times.parse(Shapes.text(o, "updated_at"));
        s.startedAt = Times.parse(Shapes.text(o, "started_at"));
        s.finishedAt = Times.parse(Shapes.text(o, "finished_at"));
        return new Job(s);
    }
}
