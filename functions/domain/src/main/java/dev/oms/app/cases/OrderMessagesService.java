package dev.oms.app.cases;

import dev.oms.app.CommandContext;
import dev.oms.app.DocumentService;
import dev.oms.app.OrderTransactions;
import dev.oms.app.cases.OrderNotesService.AttachmentSpec;
import dev.oms.app.cases.OrderNotesService.PendingAttachment;
import dev.oms.app.connector.NotificationSender;
import dev.oms.app.port.DocumentStorage;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.OrderSettingsStore;
import dev.oms.domain.order.Address;
import dev.oms.domain.order.DocumentUpload;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderDocument;
import dev.oms.domain.order.OrderMessage;
import dev.oms.domain.order.OrderMessages;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The conversation between a customer and support about one order (seed 001 section 1, {@code messages}), stored with
 * the order (its repository: the order's item collection in DynamoDB). The customer writes through the customer API
 * ({@link #postCustomerMessage}); agents answer from the admin cases ({@link #addAgentReply}): both are messages of the
 * same conversation, {@code author: customer} or {@code author: agent}. Attachments are order documents of type
 * {@code message_attachment} with a presigned upload link signed for their declared type and size (PDF, PNG, JPEG, at
 * most 10 MiB: the document upload rules).
 *
 * <p>After the message is stored, the other side is told through the notifications port: a customer's message goes to
 * the tenant's {@code support_email} (no setting, no email), an agent's reply to the order's email address (none on the
 * order, no email). The notification is sent once the message is committed; when sending fails the message stays
 * (agents see it in the admin cases) and the result says it was not announced.
 */
public final class OrderMessagesService {
    private final OrderTransactions tx;
    private final DocumentStorage storage;
    private final OrderSettingsStore settings;
    private final NotificationSender notifications;
    private final IdGenerator ids;
    private final Clock clock;

    public OrderMessagesService(OrderTransactions tx, DocumentStorage storage, OrderSettingsStore settings, NotificationSender notifications,
                                IdGenerator ids, Clock clock) {
        this.tx = tx;
        this.storage = storage;
        this.settings = settings;
        this.notifications = notifications;
        this.ids = ids;
        this.clock = clock;
    }

    /** A new message: its text and the files it brings. */
    public record MessageDraft(String text, List<AttachmentSpec> attachments) {
        public MessageDraft {
            attachments = attachments == null ? List.of() : List.copyOf(attachments);
        }
    }

    /** The message as stored, the order, its attachments with their upload links, and whether the other side was told. */
    public record MessageResult(Order order, OrderMessage message, List<PendingAttachment> uploads, boolean announced) { }

    /** The customer writes to support about one of its own orders (another customer's order is 404 {@code order.not_found}). */
    public MessageResult postCustomerMessage(CommandContext ctx, String orderId, MessageDraft draft) {
        MessageResult stored = store(ctx, orderId, OrderMessage.CUSTOMER, ctx.caller().customerId(), draft);
        String to = settings.load(ctx.tenantId()).settings().supportEmail();
        if (to == null) return stored;
        Order o = stored.order();
        return announce(ctx.tenantId(), stored, new NotificationSender.Notification("email", to, OrderMessages.RECEIVED,
                "Customer message about order " + o.state().number, stored.message().text(),
                Map.of("order_id", o.id(), "message_id", stored.message().id())));
    }

    /** An agent answers the customer (from the admin cases): {@code author: agent}, the customer is emailed. */
    public MessageResult addAgentReply(CommandContext ctx, String orderId, MessageDraft draft) {
        MessageResult stored = store(ctx, orderId, OrderMessage.AGENT, ctx.caller().subject(), draft);
        String to = customerEmail(stored.order());
        if (to == null) return stored;
        Order o = stored.order();
        return announce(ctx.tenantId(), stored, new NotificationSender.Notification("email", to, OrderMessages.REPLIED,
                "Reply about your order " + o.state().number, stored.message().text(),
                Map.of("order_id", o.id(), "message_id", stored.message().id())));
    }

    /** The order (for its version and the attachments' records) whose conversation the caller reads. */
    public Order read(CommandContext ctx, String orderId) { return tx.get(ctx, orderId); }

    /** The conversation, oldest first. */
    public List<OrderMessage> conversation(Order order) { return OrderMessages.conversation(order); }

    /** The document records of a message's attachments (pending or available). */
    public static List<OrderDocument> attachments(Order order, OrderMessage message) {
        List<OrderDocument> out = new ArrayList<>();
        for (String id : message.attachmentIds()) order.child(OrderDocument.class, id).ifPresent(out::add);
        return out;
    }

    /** A download link for an attachment whose file has arrived; null while it is pending. */
    public String downloadUrl(OrderDocument doc) {
        return doc.isAvailable() ? storage.downloadUrl(doc.storageKey(), doc.fileName(), DocumentService.DOWNLOAD_TTL) : null;
    }

    private MessageResult store(CommandContext ctx, String orderId, String author, String authorId, MessageDraft d) {
        String messageId = ids.next("msg");
        List<String> docIds = new ArrayList<>();
        for (int i = 0; i < d.attachments().size(); i++) docIds.add(ids.next("doc"));
        return tx.mutate(ctx, orderId, false, o -> {
            Instant now = clock.instant();
            List<PendingAttachment> uploads = AttachmentUploads.request(ctx, o, storage, OrderMessages.ATTACHMENT_TYPE, messageId, d.attachments(), docIds, now);
            OrderMessage m = OrderMessages.add(o, new OrderMessage(messageId, author, authorId, d.text(), docIds, now), now);
            return new MessageResult(o, m, uploads, false);
        });
    }

    private MessageResult announce(String tenantId, MessageResult stored, NotificationSender.Notification n) {
        try {
            notifications.send(tenantId, n);
            return new MessageResult(stored.order(), stored.message(), stored.uploads(), true);
        } catch (RuntimeException e) {
            return stored; // stored and visible to agents; the caller logs that it was not announced
        }
    }

    private static String customerEmail(Order order) {
        for (Address a : new Address[] {order.state().billingAddress, order.state().shippingAddress}) {
            if (a != null && a.email() != null) return a.email();
        }
        return null;
    }
}
