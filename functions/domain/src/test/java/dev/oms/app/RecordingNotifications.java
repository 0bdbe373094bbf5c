package dev.oms.app;

import dev.oms.app.connector.NotificationSender;
import java.util.ArrayList;
import java.util.List;

/** Keeps every notification it is asked to send. */
final class RecordingNotifications implements NotificationSender {
    final List<Notification> sent = new ArrayList<>();

    @Override
    public void send(String tenantId, Notification notification) { sent.add(notification); }
}
