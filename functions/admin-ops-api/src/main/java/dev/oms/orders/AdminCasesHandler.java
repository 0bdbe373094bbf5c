package dev.oms.orders;

import static dev.oms.app.security.Permission.CASES_MANAGE;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.cases.OrderCasesService.CaseDraft;
import dev.oms.app.cases.OrderCasesService.CaseResult;
import dev.oms.app.cases.OrderNotesService.PendingAttachment;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderCase;
import dev.oms.domain.order.OrderCases;
import dev.oms.domain.order.OrderDocument;
import dev.oms.domain.order.OrderMessage;
import dev.oms.domain.order.OrderTask;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import dev.oms.platform.views.DocumentViews;
import dev.oms.platform.views.NoteRequests;
import java.util.List;
import java.util.Set;

/**
 * Seed 001 section 2, "Support": an order's support cases, {@code GET} (newest first, each with the customer messages
 * it links and its evidence files) and {@code POST} (open one: subject, description, category, priority, assignee,
 * linked messages, evidence uploads), through {@code OrderCasesService}. docs/admin-operations.md.
 */
public final class AdminCasesHandler extends ApiHandler {
    static final String PATH = "/v1/admin/orders/{orderId}/cases";

    private final AdminOpsApi p;
    private final Routes routes;

    public AdminCasesHandler() { this(AdminOpsApi.get()); }

    AdminCasesHandler(AdminOpsApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                get(PATH, this::list).requires(CASES_MANAGE),
                post(PATH, this::open).requires(CASES_MANAGE),
                post(PATH + "/{caseId}/resolve", this::resolve).requires(CASES_MANAGE));
    }

    @Override
    public Routes routes() { return routes; }

    private ApiResponse list(ApiRequest r) {
        Order o = p.cases.read(r.command(), r.pathParam("orderId"));
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        for (OrderCase c : OrderCases.of(o)) data.add(view(o, c, List.of()));
        return ApiResponse.ok(body).withVersion(o.version());
    }

    /** {@code {"subject", "description", "category", "priority"?, "assignee"?, "message_ids"?, "attachments"?}}. */
    private ApiResponse open(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("subject", "description", "category", "priority", "assignee", "message_ids", "attachments", "version");
        String subject = b.string("subject", true, 200);
        String description = b.string("description", true, 5000);
        String category = b.oneOf("category", true, OrderCase.CATEGORIES);
        String priority = b.oneOf("priority", false, Set.copyOf(OrderTask.PRIORITIES));
        String assignee = b.string("assignee", false, 128);
        List<String> messages = b.strings("message_ids", false, 0, OrderCases.MAX_MESSAGES, 64);
        var attachments = NoteRequests.attachments(b, OrderCases.MAX_ATTACHMENTS);
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        CaseDraft draft = new CaseDraft(subject, description, category, priority == null ? "normal" : priority, assignee,
                messages == null ? List.of() : messages, attachments);
        String orderId = r.pathParam("orderId");
        return r.execute(AdminCasesHandler::created, ctx -> p.cases.open(ctx, orderId, draft));
    }

    /** {@code {"resolution", "version"}}: the case is resolved; how long it was open goes to the admin order metrics. */
    private ApiResponse resolve(ApiRequest r) {
        Body b = Body.parse(r.body());
        b.allow("resolution", "version");
        String resolution = b.string("resolution", true, 2000);
        if (resolution != null && resolution.isBlank()) b.error("resolution", "field.invalid", "resolution is 1 to 2000 characters");
        r.expectVersion(b.integer("version", false, 1, Long.MAX_VALUE));
        b.check();
        return r.execute(res -> ApiResponse.ok(view(res.order(), res.orderCase(), List.of())).withVersion(res.order().version()),
                ctx -> p.cases.resolve(ctx, r.pathParam("orderId"), r.pathParam("caseId"), resolution));
    }

    private static ApiResponse created(CaseResult res) {
        return ApiResponse.created(view(res.order(), res.orderCase(), res.uploads()), "/v1/admin/orders/" + res.order().id() + "/cases")
                .withVersion(res.order().version());
    }

    /** The case with its linked messages (as the conversation shows them) and evidence files (upload links when new). */
    static ObjectNode view(Order order, OrderCase c, List<PendingAttachment> uploads) {
        ObjectNode o = Json.object();
        o.put("id", c.id());
        o.put("order_id", order.id());
        o.put("subject", c.subject());
        o.put("description", c.description());
        o.put("category", c.category());
        o.put("priority", c.priority());
        o.put("status", c.status());
        o.put("assignee", c.assignee());
        ArrayNode messages = o.putArray("messages");
        for (String id : c.messageIds()) {
            order.child(OrderMessage.class, id).ifPresent(m -> messages.addObject().put("id", m.id()).put("author", m.author())
                    .put("author_id", m.authorId()).put("text", m.text()).put("created_at", Times.format(m.createdAt())));
        }
        ArrayNode attachments = o.putArray("attachments");
        for (String id : c.attachmentIds()) {
            order.child(OrderDocument.class, id).ifPresent(d -> {
                ObjectNode a = DocumentViews.document(order, d);
                for (PendingAttachment u : uploads) {
                    if (u.document().id().equals(d.id())) a.set("upload", DocumentViews.uploadLink(u.upload()));
                }
                attachments.add(a);
            });
        }
        o.put("created_by", c.createdBy());
        o.put("created_at", Times.format(c.createdAt()));
        o.put("resolution", c.resolution());
        o.put("resolved_by", c.resolvedBy());
        o.put("resolved_at", Times.format(c.resolvedAt()));
        return o;
    }
}
