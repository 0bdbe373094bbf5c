package dev.oms.streams;

import dev.oms.platform.events.OrderEventDetail;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.oms.app.CommandContext;
import dev.oms.app.InvoiceService;
import dev.oms.app.security.Caller;
import dev.oms.platform.Platform;
import dev.oms.platform.observability.Observability;
import java.util.Map;
import java.util.Set;

/**
 * Makes sure every issued refund has its credit note: on {@code refund.issued} it asks invoicing for the refund's
 * credit note, which is issued once per refund (the refund flow usually made it already; refunds of the cancel-order
 * saga and refunds whose billing call failed get theirs here). A failure is thrown, so EventBridge retries it.
 */
public final class CreditNotesSubscriber implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final Platform p;

    public CreditNotesSubscriber() { this(Platform.get()); }

    CreditNotesSubscriber(Platform p) { this.p = p; }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        OrderEventDetail e = OrderEventDetail.of(event);
        if (e == null || !"refund.issued".equals(e.type())) return Map.of("issued", false);
        CommandContext ctx = new CommandContext(new Caller(e.tenantId(), "credit-notes", "system", Set.of("service"), null, null),
                e.correlationId(), null, null, null);
        InvoiceService.Issued issued = p.invoices.creditNote(ctx, e.orderId(), e.dataText("refund_id"));
        return Map.of("issued", true, "credit_note_id", issued.invoice().id(), "number", issued.invoice().number());
    }
}
