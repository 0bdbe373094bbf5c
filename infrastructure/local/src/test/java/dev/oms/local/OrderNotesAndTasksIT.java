package dev.oms.local;

import static dev.oms.local.TestSystem.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Seed 000 section 13 end to end: notes (public, internal, attachments, edits, deletes) and tasks across orders. */
class OrderNotesAndTasksIT {
    private static final HttpClient RAW = HttpClient.newHttpClient();
    static String tenant;
    static Client agent;
    static Client supervisor;

    @BeforeAll
    static void setUp() {
        tenant = newTenant();
        agent = as(tenant, "agent-n", "agent");
        supervisor = as(tenant, "sup-n", "supervisor");
    }

    @Test
    void publicNotesReachTheCustomerAndInternalOnesDoNot() {
        String id = create(agent, order("note-c1"));
        Resp pub = agent.post("/v1/orders/" + id + "/notes", Map.of("text", "Your parcel left today", "type", "public"));
        assertThat(pub.status()).as(pub.toString()).isEqualTo(201);
        assertThat(pub.json().path("author_id").asText()).isEqualTo("agent-n");
        assertThat(pub.header("etag")).isEqualTo("\"2\"");
        Resp internal = agent.post("/v1/orders/" + id + "/notes", Map.of("text", "Customer sounded upset", "type", "internal",
                "author_id", "agent-on-phone"));
        assertThat(internal.json().path("author_id").asText()).isEqualTo("agent-on-phone");

        assertThat(agent.get("/v1/orders/" + id + "/notes").json().path("data").findValuesAsText("type")).containsExactly("public", "internal");
        JsonNode customerView = customer(tenant, "note-c1").get("/v1/orders/" + id + "/notes").json().path("data");
        assertThat(customerView.findValuesAsText("text")).containsExactly("Your parcel left today");
        assertThat(customer(tenant, "someone-else").get("/v1/orders/" + id + "/notes").code()).isEqualTo("order.not_found");
        assertThat(customer(tenant, "note-c1").post("/v1/orders/" + id + "/notes", Map.of("text", "hi", "type", "public")).status())
                .isEqualTo(403);
        assertThat(as(newTenant(), "other", "admin").get("/v1/orders/" + id + "/notes").code()).isEqualTo("order.not_found");
    }

    @Test
    void editsAndDeletesAreAuditedAndDeletedNotesDisappear() {
        String id = create(agent, order("note-c2"));
        String note = agent.post("/v1/orders/" + id + "/notes", Map.of("text", "Draft", "type", "internal")).json().path("id").asText();
        Resp edited = supervisor.header("If-Match", "\"2\"").patch("/v1/orders/" + id + "/notes/" + note,
                Map.of("text", "Final", "type", "public", "reason", "shared"));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().path("updated_by").asText()).isEqualTo("sup-n");
        assertThat(edited.json().path("type").asText()).isEqualTo("public");
        Resp stale = supervisor.header("If-Match", "\"2\"").patch("/v1/orders/" + id + "/notes/" + note, Map.of("text", "Again"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("order.version_conflict");
        assertThat(stale.json().path("current_version").asLong()).isEqualTo(3);

        Client keyed = agent.header("Idempotency-Key", "delete-once");
        assertThat(keyed.delete("/v1/orders/" + id + "/notes/" + note).status()).isEqualTo(204);
        Resp replayed = keyed.delete("/v1/orders/" + id + "/notes/" + note);
        assertThat(replayed.status()).isEqualTo(204);
        assertThat(replayed.header("idempotent-replayed")).isEqualTo("true");
        assertThat(agent.get("/v1/orders/" + id + "/notes").json().path("data")).isEmpty();
        assertThat(agent.delete("/v1/orders/" + id + "/notes/" + note).code()).isEqualTo("note.not_found");
        assertThat(agent.patch("/v1/orders/" + id + "/notes/note_missing", Map.of("text", "x")).code()).isEqualTo("note.not_found");

        JsonNode timeline = agent.get("/v1/orders/" + id + "/timeline").json().path("data");
        assertThat(types(timeline)).containsExactly("order.created", "order.note_added", "order.note_updated", "order.note_deleted");
        JsonNode update = timeline.get(2);
        assertThat(update.path("actor").path("id").asText()).isEqualTo("sup-n");
        assertThat(update.path("reason").asText()).isEqualTo("shared");
        assertThat(update.path("data").path("text_before").asText()).isEqualTo("Draft");
        assertThat(update.path("data").path("text").asText()).isEqualTo("Final");
        assertThat(timeline.get(3).path("data").path("text").asText()).isEqualTo("Final");
        assertThat(as(tenant, "auditor", "finance").get("/v1/orders/audit?action=order.note_deleted").json().path("data")
                .findValuesAsText("order_id")).containsExactly(id);
    }

    @Test
    void badNotesAreRefusedAndReplaysAnswerTheSameNote() {
        String id = create(agent, order("note-c3"));
        Resp noType = agent.post("/v1/orders/" + id + "/notes", Map.of("text", "x"));
        assertThat(noType.status()).isEqualTo(400);
        assertThat(noType.json().path("errors").get(0).path("field").asText()).isEqualTo("type");
        assertThat(agent.post("/v1/orders/" + id + "/notes", Map.of("text", "x", "type", "secret")).status()).isEqualTo(400);
        assertThat(agent.post("/v1/orders/" + id + "/notes", Map.of("text", " ", "type", "public")).status()).isEqualTo(400);
        assertThat(agent.patch("/v1/orders/" + id + "/notes/note_x", Map.of()).status()).isEqualTo(400);

        Client keyed = agent.header("Idempotency-Key", "note-once");
        Resp first = keyed.post("/v1/orders/" + id + "/notes", Map.of("text", "once", "type", "internal"));
        Resp again = keyed.post("/v1/orders/" + id + "/notes", Map.of("text", "once", "type", "internal"));
        assertThat(again.header("idempotent-replayed")).isEqualTo("true");
        assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
        assertThat(keyed.post("/v1/orders/" + id + "/notes", Map.of("text", "other", "type", "internal")).code()).isEqualTo("idempotency.key_reused");
        assertThat(agent.get("/v1/orders/" + id + "/notes").json().path("data")).hasSize(1);
    }

    @Test
    void attachmentsAreUploadedThroughPresignedLinksWithTheDocumentRules() throws Exception {
        String id = create(agent, order("note-c4"));
        byte[] file = "%PDF-1.4 call notes".getBytes(StandardCharsets.ISO_8859_1);
        Resp refused = agent.post("/v1/orders/" + id + "/notes", Map.of("text", "see file", "type", "internal",
                "attachments", List.of(Map.of("file_name", "x.exe", "content_type", "application/x-msdownload", "size_bytes", 10))));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("attachments[0].content_type");
        assertThat(agent.post("/v1/orders/" + id + "/notes", Map.of("text", "big", "type", "internal", "attachments",
                List.of(Map.of("file_name", "b.pdf", "content_type", "application/pdf", "size_bytes", 10L * 1024 * 1024 + 1)))).code())
                .isEqualTo("document.upload_refused");

        Resp note = agent.post("/v1/orders/" + id + "/notes", Map.of("text", "see file", "type", "internal",
                "attachments", List.of(Map.of("file_name", "call.pdf", "content_type", "application/pdf", "size_bytes", file.length))));
        assertThat(note.status()).as(note.toString()).isEqualTo(201);
        JsonNode attachment = note.json().path("attachments").get(0);
        assertThat(attachment.path("type").asText()).isEqualTo("note_attachment");
        assertThat(attachment.path("related_id").asText()).isEqualTo(note.json().path("id").asText());
        assertThat(attachment.path("status").asText()).isEqualTo("pending_upload");
        HttpResponse<String> put = RAW.send(HttpRequest.newBuilder(URI.create(attachment.path("upload").path("url").asText()))
                .header("Content-Type", "application/pdf").PUT(HttpRequest.BodyPublishers.ofByteArray(file)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        eventually("the attachment to arrive", () -> agent.get("/v1/orders/" + id + "/notes").json().path("data").get(0)
                .path("attachments").get(0).path("status").asText().equals("available"));
        Resp doc = agent.get("/v1/orders/" + id + "/documents/" + attachment.path("id").asText());
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.json().path("type").asText()).isEqualTo("note_attachment");
        // the attachment of an internal note is not the customer's to see
        Client owner = customer(tenant, "note-c4");
        assertThat(owner.get("/v1/orders/" + id + "/documents/" + attachment.path("id").asText()).code()).isEqualTo("document.not_found");
        assertThat(owner.get("/v1/orders/" + id + "/documents").json().path("data")).isEmpty();
        agent.patch("/v1/orders/" + id + "/notes/" + note.json().path("id").asText(), Map.of("type", "public"));
        assertThat(owner.get("/v1/orders/" + id + "/documents").json().path("data").findValuesAsText("type")).containsExactly("note_attachment");
    }

    @Test
    void tasksAreListedAcrossOrdersByDueTimeWithFilters() {
        String t = newTenant();
        Client sup = as(t, "sup-t", "supervisor");
        String o1 = create(sup, order("task-c1"));
        String o2 = create(sup, order("task-c2"));
        Map<String, Object> late = new HashMap<>(Map.of("title", "Late", "assignee", "ann", "due_at", "2030-03-01T09:00:00Z", "priority", "high"));
        String tLate = sup.post("/v1/orders/" + o1 + "/tasks", late).json().path("id").asText();
        String tSoon = sup.post("/v1/orders/" + o2 + "/tasks", Map.of("title", "Soon", "assignee", "bob", "due_at", "2030-01-01T09:00:00Z"))
                .json().path("id").asText();
        Resp undated = sup.post("/v1/orders/" + o1 + "/tasks", Map.of("title", "Whenever", "description", "no rush"));
        assertThat(undated.status()).as(undated.toString()).isEqualTo(201);
        assertThat(undated.json().path("priority").asText()).isEqualTo("normal");
        assertThat(undated.json().path("status").asText()).isEqualTo("open");
        String tUndated = undated.json().path("id").asText();

        assertThat(ids(sup.get("/v1/orders/tasks"))).containsExactly(tSoon, tLate, tUndated);
        assertThat(ids(sup.get("/v1/orders/tasks?assignee=ann"))).containsExactly(tLate);
        assertThat(ids(sup.get("/v1/orders/tasks?order_id=" + o1))).containsExactly(tLate, tUndated);
        assertThat(ids(sup.get("/v1/orders/tasks?due_before=2030-02-01T00:00:00Z"))).containsExactly(tSoon);
        Resp page1 = sup.get("/v1/orders/tasks?limit=2");
        assertThat(ids(page1)).containsExactly(tSoon, tLate);
        assertThat(ids(sup.get("/v1/orders/tasks?limit=2&cursor=" + page1.json().path("next_cursor").asText()))).containsExactly(tUndated);

        Resp started = sup.patch("/v1/orders/" + o2 + "/tasks/" + tSoon, Map.of("status", "in_progress"));
        assertThat(started.json().path("status").asText()).isEqualTo("in_progress");
        assertThat(ids(sup.get("/v1/orders/tasks"))).containsExactly(tLate, tUndated);
        assertThat(ids(sup.get("/v1/orders/tasks?status=in_progress&assignee=bob"))).containsExactly(tSoon);
        Resp done = sup.patch("/v1/orders/" + o2 + "/tasks/" + tSoon, Map.of("status", "done", "completion_note", "Called"));
        assertThat(done.json().path("completion_note").asText()).isEqualTo("Called");
        assertThat(done.json().path("completed_at").isNull()).isFalse();
        assertThat(ids(sup.get("/v1/orders/tasks?status=done"))).containsExactly(tSoon);
        assertThat(ids(sup.get("/v1/orders/tasks?status=in_progress"))).isEmpty();

        Resp reassigned = sup.patch("/v1/orders/" + o1 + "/tasks/" + tLate, Map.of("assignee", "bob", "due_at", "2029-12-01T00:00:00Z"));
        assertThat(reassigned.json().path("assignee").asText()).isEqualTo("bob");
        assertThat(ids(sup.get("/v1/orders/tasks?assignee=ann"))).isEmpty();
        assertThat(ids(sup.get("/v1/orders/tasks?assignee=bob"))).containsExactly(tLate);
        assertThat(sup.patch("/v1/orders/" + o1 + "/tasks/" + tUndated, unassign()).json().path("assignee").isNull()).isTrue();

        JsonNode timeline = sup.get("/v1/orders/" + o2 + "/timeline").json().path("data");
        assertThat(types(timeline)).containsExactly("order.created", "order.task_created", "order.task_updated", "order.task_updated");
        assertThat(timeline.get(3).path("data").path("changes").path("status").path("from").asText()).isEqualTo("in_progress");
    }

    @Test
    void taskRulesRolesAndTenantsAreEnforced() {
        String id = create(agent, order("task-c3"));
        Resp created = agent.post("/v1/orders/" + id + "/tasks", Map.of("title", "Refund check"));
        String task = created.json().path("id").asText();
        assertThat(agent.patch("/v1/orders/" + id + "/tasks/" + task, Map.of("completion_note", "early")).code())
                .isEqualTo("request.invalid");
        assertThat(agent.patch("/v1/orders/" + id + "/tasks/" + task, Map.of("status", "cancelled")).status()).isEqualTo(200);
        Resp reopen = agent.patch("/v1/orders/" + id + "/tasks/" + task, Map.of("status", "open"));
        assertThat(reopen.status()).isEqualTo(409);
        assertThat(reopen.code()).isEqualTo("task.invalid_transition");
        assertThat(agent.patch("/v1/orders/" + id + "/tasks/" + task, Map.of("title", "x")).code()).isEqualTo("task.finished");
        assertThat(agent.patch("/v1/orders/" + id + "/tasks/task_missing", Map.of("title", "x")).code()).isEqualTo("task.not_found");

        assertThat(agent.post("/v1/orders/" + id + "/tasks", Map.of("title", "x", "priority", "asap")).status()).isEqualTo(400);
        assertThat(agent.post("/v1/orders/" + id + "/tasks", Map.of("title", "x", "due_at", "tomorrow")).status()).isEqualTo(400);
        assertThat(agent.get("/v1/orders/tasks?status=waiting").status()).isEqualTo(400);
        assertThat(agent.get("/v1/orders/tasks?order_id=ord_missing").code()).isEqualTo("order.not_found");
        assertThat(customer(tenant, "task-c3").get("/v1/orders/tasks").status()).isEqualTo(403);
        assertThat(customer(tenant, "task-c3").post("/v1/orders/" + id + "/tasks", Map.of("title", "x")).status()).isEqualTo(403);
        Client stranger = as(newTenant(), "stranger", "admin");
        assertThat(stranger.post("/v1/orders/" + id + "/tasks", Map.of("title", "x")).code()).isEqualTo("order.not_found");
        assertThat(stranger.get("/v1/orders/tasks?order_id=" + id).code()).isEqualTo("order.not_found");
        assertThat(ids(stranger.get("/v1/orders/tasks?status=cancelled"))).isEmpty();

        Client keyed = agent.header("Idempotency-Key", "task-once");
        Resp first = keyed.post("/v1/orders/" + id + "/tasks", Map.of("title", "Once"));
        Resp again = keyed.post("/v1/orders/" + id + "/tasks", Map.of("title", "Once"));
        assertThat(again.header("idempotent-replayed")).isEqualTo("true");
        assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
        Resp stale = agent.header("If-Match", "\"1\"").post("/v1/orders/" + id + "/tasks", Map.of("title", "Stale"));
        assertThat(stale.code()).isEqualTo("order.version_conflict");
    }

    private static List<String> types(JsonNode events) {
        List<String> out = new java.util.ArrayList<>();
        events.forEach(e -> out.add(e.path("type").asText()));
        return out;
    }

    private static Map<String, Object> unassign() {
        Map<String, Object> m = new HashMap<>();
        m.put("assignee", null);
        return m;
    }

    private static List<String> ids(Resp r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().path("data").findValuesAsText("id");
    }
}
