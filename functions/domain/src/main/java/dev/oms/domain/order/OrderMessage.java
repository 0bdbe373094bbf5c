package dev.oms.domain.order;

import java.time.Instant;
import java.util.List;

/**
 * One message of the conversation between the customer and support about an order, stored with the order: written
 * by the customer ({@code author: customer}, from the customer API) or by an agent ({@code author: agent}, a reply from
 * the admin cases). Attachments are order documents (type {@code message_attachment}) uploaded through a presigned
 * link, named here by id.
 */
public record OrderMessage(String id, String author, String authorId, String text, List<String> attachmentIds, Instant createdAt)
        implements OrderChild {
    public static final String CUSTOMER = "customer", AGENT = "agent";

    public OrderMessage {
        attachmentIds = attachmentIds == null ? List.of() : List.copyOf(attachmentIds);
    }

    @Override
    public String kind() { return "message"; }

    public boolean fromCustomer() { return CUSTOMER.equals(author); }
}
