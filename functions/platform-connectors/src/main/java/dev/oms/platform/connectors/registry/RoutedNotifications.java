package dev.oms.platform.connectors.registry;

import dev.oms.app.connector.NotificationSender;
import dev.oms.app.connector.registry.ConnectorPort;

/** The notification sender the use cases see: each message goes to the adapter the tenant's registry chooses. */
public final class RoutedNotifications implements NotificationSender {
    private final Connectors connectors;

    public RoutedNotifications(Connectors connectors) { this.connectors = connectors; }

    @Override
    public void send(String tenantId, Notification notification) {
        connectors.call(tenantId, ConnectorPort.NOTIFICATIONS, NotificationSender.class, "send_" + notification.channel(), n -> {
            n.send(tenantId, notification);
            return null;
        });
    }
}
