package dev.oms.streams;

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
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Observability.start(context);
        Map<String, Object> detail = (Map<String, Object>) event.get("detail");
        if (detail == null || !"refund.issued".equals(String.valueOf(event.get("detail-type")))) return Map.of("issued", false);
        Map<String, Object> data = (Map<String, Object>) detail.getOrDefault("data", Map.of());
        String tenant = String.valueOf(detail.get("tenant_id"));
        CommandContext ctx = new CommandContext(new Caller(tenant, "credit-notes", "system", Set.of("service"), null, null),
                String.valueOf(detail.get("correlation_id")), null, null, null);
        InvoiceService.Issued issued = p.invoices.creditNote(ctx, String.valueOf(detail.get("order_id")), String.valueOf(data.get("refund_id")));
        return Map.of("issued", true, "credit_note_id", issued.invoice().id(), "number", issued.invoice().number());
    }
}
