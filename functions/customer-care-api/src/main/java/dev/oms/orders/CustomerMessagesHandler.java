package dev.oms.orders;

import static dev.oms.app.security.Permission.ORDERS_READ;
import static dev.oms.platform.http.Route.get;
import static dev.oms.platform.http.Route.post;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.DocumentService;
import dev.oms.app.cases.OrderMessagesService;
import dev.oms.app.cases.OrderMessagesService.MessageDraft;
import dev.oms.app.cases.OrderMessagesService.MessageResult;
import dev.oms.app.cases.OrderNotesService.AttachmentSpec;
import dev.oms.app.cases.OrderNotesService.PendingAttachment;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderDocument;
import dev.oms.domain.order.OrderMessage;
import dev.oms.domain.order.OrderMessages;
import dev.oms.platform.http.ApiHandler;
import dev.oms.platform.http.ApiProblem;
import dev.oms.platform.http.ApiRequest;
import dev.oms.platform.http.ApiResponse;
import dev.oms.platform.http.Body;
import dev.oms.platform.http.Route;
import dev.oms.platform.http.Routes;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import dev.oms.platform.observability.Observability;
import dev.oms.platform.views.DocumentViews;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 001 section 1, {@code messages}: the customer's conversation with support about one of its own orders
 * (docs/customer-api.md#messages). The answer is built field by field for the customer: who wrote (customer or agent,
 * never the agent's id), the text, the attachments with a presigned upload link (when just asked for) or download link
 * (once the file has arrived).
 */
public final class CustomerMessagesHandler extends ApiHandler {
    private final CustomerCareApi p;
    private final Routes routes;

    public CustomerMessagesHandler() { this(CustomerCareApi.get()); }

    CustomerMessagesHandler(CustomerCareApi p) {
        super(p.idempotency, p.clock);
        this.p = p;
        this.routes = Routes.of(
                customer(get("/v1/customer/orders/{orderId}/messages", this::list)),
                customer(post("/v1/customer/orders/{orderId}/messages", this::add)),
                post("/v1/admin/orders/{orderId}/messages", this::reply).requires(dev.oms.app.security.Permission.CASES_MANAGE));
    }

    @Override
    public Routes routes() { return routes; }

    /** Customers only (staff answer from the admin cases); a guest token reads, it does not write. */
    static Route customer(Route route) {
        Route.Endpoint guarded = r -> {
            if (r.caller() == null || !r.caller().isCustomer() || r.caller().customerId() == null) {
                throw ApiProblem.forbidden("The customer API serves customers; staff use /v1/orders");
            }
            if (route.method().equals("POST") && r.caller().roles().contains("guest")) {
                throw ApiProblem.forbidden("A guest lookup token reads its order; sign in to write to customer service");
            }
            return route.endpoint().handle(r);
        };
        return new Route(route.method(), route.path(), guarded, ORDERS_READ);
    }

    private ApiResponse list(ApiRequest r) {
        Body.parseOptional(r.body()).allow().check();
        var ctx = r.command();
        Order order = p.messages.read(ctx, r.pathParam("orderId"));
        ObjectNode page = Json.object();
        ArrayNode data = page.putArray("data");
        for (OrderMessage m : p.messages.conversation(order)) data.add(view(order, m, List.of()));
        return ApiResponse.ok(page).withHeader("cache-control", "no-store");
    }

    /** {@code {"text", "attachments"?}} from the customer. */
    private ApiResponse add(ApiRequest r) { return write(r, false); }

    /** {@code {"text", "attachments"?}}: support's answer in the customer's conversation (the admin cases). */
    private ApiResponse reply(ApiRequest r) { return write(r, true); }

    /** {@code {"text", "attachments"?: [{"file_name", "content_type", "size_bytes"}]}}. */
    private ApiResponse write(ApiRequest r, boolean agent) {
        Body b = Body.parse(r.body());
        b.allow("text", "attachments");
        String text = b.string("text", true, OrderMessages.MAX_TEXT);
        List<AttachmentSpec> attachments = new ArrayList<>();
        List<Body> entries = b.objects("attachments", false, 0, OrderMessages.MAX_ATTACHMENTS);
        if (entries != null) {
            for (Body e : entries) {
                e.allow("file_name", "content_type", "size_bytes");
                String name = e.string("file_name", true, 200);
                String contentType = e.string("content_type", true, 100);
                Long size = e.integer("size_bytes", true, 0, Long.MAX_VALUE);
                if (name != null && contentType != null && size != null) attachments.add(new AttachmentSpec(name, contentType, size));
            }
        }
        if (text != null && text.isBlank()) b.error("text", "field.invalid", "text is 1 to " + OrderMessages.MAX_TEXT + " characters");
        b.check();
        String orderId = r.pathParam("orderId");
        return r.execute((MessageResult res) -> ApiResponse.created(view(res.order(), res.message(), res.uploads()),
                        (agent ? "/v1/admin/orders/" : "/v1/customer/orders/") + res.order().id() + "/messages").withHeader("cache-control", "no-store"),
                ctx -> {
                    MessageDraft draft = new MessageDraft(text, attachments);
                    MessageResult res = agent ? p.messages.addAgentReply(ctx, orderId, draft) : p.messages.postCustomerMessage(ctx, orderId, draft);
                    if (!res.announced()) Observability.log().info("message {} on order {} not announced", res.message().id(), orderId);
                    return res;
                });
    }

    private ObjectNode view(Order order, OrderMessage m, List<PendingAttachment> uploads) {
        ObjectNode o = Json.object();
        o.put("id", m.id());
        o.put("author", m.author());
        o.put("text", m.text());
        ArrayNode attachments = o.putArray("attachments");
        for (OrderDocument d : OrderMessagesService.attachments(order, m)) {
            ObjectNode a = attachments.addObject();
            a.put("id", d.id());
            a.put("file_name", d.fileName());
            a.put("content_type", d.contentType());
            if (d.sizeBytes() == null) a.putNull("size_bytes"); else a.put("size_bytes", d.sizeBytes());
            a.put("status", d.status());
            String url = p.messages.downloadUrl(d);
            a.put("download_url", url);
            a.put("download_expires_at", url == null ? null : Times.format(p.clock.instant().plus(DocumentService.DOWNLOAD_TTL)));
            for (PendingAttachment u : uploads) {
                if (u.document().id().equals(d.id())) a.set("upload", DocumentViews.uploadLink(u.upload()));
            }
        }
        o.put("created_at", Times.format(m.createdAt()));
        return o;
    }
}
