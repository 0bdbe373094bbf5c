package dev.oms.app;

import dev.oms.app.port.WebhookSender;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Answers with the scripted results in turn (200 once they run out) and remembers every send. */
public final class FakeWebhookSender implements WebhookSender {
    public record Sent(String url, String messageId, String payload, List<String> secrets) { }

    public final List<Sent> sent = new ArrayList<>();
    private final Deque<Result> script = new ArrayDeque<>();

    public FakeWebhookSender answer(int statusCode) {
        script.add(new Result(statusCode, 12, statusCode >= 200 && statusCode < 300 ? null : "HTTP " + statusCode));
        return this;
    }

    public FakeWebhookSender fail(String error) {
        script.add(new Result(0, 5000, error));
        return this;
    }

    @Override
    public Result send(String url, String messageId, String payload, List<String> secrets) {
        sent.add(new Sent(url, messageId, payload, List.copyOf(secrets)));
        return script.isEmpty() ? new Result(200, 10, null) : script.poll();
    }
}
