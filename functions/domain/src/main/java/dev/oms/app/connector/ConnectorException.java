package dev.oms.app.connector;

import dev.oms.domain.DomainException;
import java.util.List;
import java.util.Map;

/** An external service failed or timed out; the command changed nothing and can be retried. */
public class ConnectorException extends DomainException {
    public ConnectorException(String connector, String operation, String message) {
        super(Kind.UNAVAILABLE, "connector.unavailable", connector + " " + operation + " failed: " + message,
                "Nothing was changed; retry the request later.", Map.of("connector", connector, "operation", operation), List.of());
    }

    private ConnectorException(String message, Map<String, Object> details) {
        super(Kind.UNAVAILABLE, "connector.unavailable", message, "Nothing was changed; retry the request later.", details, List.of());
    }

    /** The failure another function met calling the service for this one (the payments relay), as it reported it. */
    public static ConnectorException reported(String message, Map<String, Object> details) {
        return new ConnectorException(message, details);
    }
}
