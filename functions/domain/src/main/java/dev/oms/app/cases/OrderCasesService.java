package dev.oms.app.cases;

import dev.oms.app.CommandContext;
import dev.oms.app.OrderTransactions;
import dev.oms.app.cases.OrderNotesService.AttachmentSpec;
import dev.oms.app.cases.OrderNotesService.PendingAttachment;
import dev.oms.app.port.DocumentStorage;
import dev.oms.app.port.IdGenerator;
import dev.oms.domain.order.Order;
import dev.oms.domain.order.OrderCase;
import dev.oms.domain.order.OrderCases;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Support cases on an order (the admin API, issue 13): an agent opens a case about the customer's problem, links the
 * customer's messages it answers (from the conversation of {@link OrderMessagesService}) and files evidence, each file
 * a pending order document of type {@code case_evidence} with a presigned upload link. Stored with the order in its
 * transaction, the {@code order.case_opened} event with it.
 */
public final class OrderCasesService {
    private final OrderTransactions tx;
    private final DocumentStorage storage;
    private final IdGenerator ids;
    private final Clock clock;

    public OrderCasesService(OrderTransactions tx, DocumentStorage storage, IdGenerator ids, Clock clock) {
        this.tx = tx;
        this.storage = storage;
        this.ids = ids;
        this.clock = clock;
    }

    /** A new case: the problem, its category and priority, who works it, the linked messages and evidence files. */
    public record CaseDraft(String subject, String description, String category, String priority, String assignee,
                            List<String> messageIds, List<AttachmentSpec> attachments) { }

    /** The case as opened, the order, and its evidence files with their upload links (in the order asked). */
    public record CaseResult(Order order, OrderCase orderCase, List<PendingAttachment> uploads) { }

    public CaseResult open(CommandContext ctx, String orderId, CaseDraft d) {
        String caseId = ids.next("case");
        List<String> docIds = new ArrayList<>();
        for (int i = 0; i < d.attachments().size(); i++) docIds.add(ids.next("doc"));
        return tx.mutate(ctx, orderId, false, o -> {
            Instant now = clock.instant();
            List<PendingAttachment> uploads = AttachmentUploads.request(ctx, o, storage, OrderCases.ATTACHMENT_TYPE, caseId, d.attachments(), docIds, now);
            OrderCase c = OrderCases.open(o, new OrderCase(caseId, d.subject(), d.description(), d.category(), d.priority(), OrderCase.OPEN,
                    d.assignee(), d.messageIds(), docIds, ctx.caller().subject(), now), now);
            return new CaseResult(o, c, uploads);
        });
    }

    public record Resolved(Order order, OrderCase orderCase) { }

    public Resolved resolve(CommandContext ctx, String orderId, String caseId, String resolution) {
        return tx.mutate(ctx, orderId, false, o -> new Resolved(o, OrderCases.resolve(o, caseId, resolution, ctx.caller().subject(), clock.instant())));
    }

    /** The order whose cases the caller reads (404 for another tenant's order). */
    public Order read(CommandContext ctx, String orderId) { return tx.get(ctx, orderId); }
}
