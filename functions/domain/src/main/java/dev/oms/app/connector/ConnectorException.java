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
}
