package dev.oms.platform.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.connector.registry.NotificationSuppressions;
import dev.oms.platform.json.Json;
import dev.oms.platform.json.Times;
import java.time.Clock;

/** {@code T#{tenant}#SUPPRESSED#{sha256 of the address} / A}: written by the SES feedback, read before each email. */
public final class DynamoNotificationSuppressions implements NotificationSuppressions {
    private final SingleTable table;
    private final Clock clock;

    public DynamoNotificationSuppressions(SingleTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    @Override
    public boolean suppressed(String tenantId, String address) {
        return table.get(ConnectorKeys.suppressed(tenantId, NotificationSuppressions.hash(address)), Keys.SINGLE).isPresent();
    }

    @Override
    public void suppress(String tenantId, String address, String reason) {
        ObjectNode item = Json.object();
        item.put(Keys.PK, ConnectorKeys.suppressed(tenantId, NotificationSuppressions.hash(address)));
        item.put(Keys.SK, Keys.SINGLE);
        item.put("type", "notification_suppression");
        item.put("reason", reason);
        item.put("suppressed_at", Times.format(clock.instant()));
        table.put(item);
    }
}
