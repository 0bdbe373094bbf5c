package dev.oms.app.warehouseops;

import dev.oms.app.CommandContext;
import dev.oms.app.port.CommandMeta;
import dev.oms.app.port.IdGenerator;
import dev.oms.app.port.RecordedEvent;
import dev.oms.domain.DomainEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the event a warehouse operations command records, with the caller, correlation id and reason of the command. */
final class OpsEvents {
    private OpsEvents() { }

    static RecordedEvent of(CommandContext ctx, IdGenerator ids, Instant at, String type, Map<String, Object> data) {
        Map<String, String> md = new LinkedHashMap<>();
        if (ctx.caller().impersonatedBy() != null) md.put("impersonated_by", ctx.caller().impersonatedBy());
        CommandMeta meta = new CommandMeta(ctx.caller().actor(), ctx.correlationId(), at, ctx.reason(), md,
                ctx.caller().roles().stream().sorted().toList(), ctx.clientIp());
        return new RecordedEvent(ids.next("evt"), new DomainEvent(type, data, null, Map.of()), meta);
    }
}
