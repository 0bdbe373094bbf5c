package dev.oms.app.port;

import dev.oms.domain.warehouse.ops.Device;
import dev.oms.domain.warehouse.ops.ConnectorPush;
import dev.oms.domain.warehouse.ops.FulfilmentConnector;
import dev.oms.domain.warehouse.ops.PackagingProfile;
import dev.oms.domain.warehouse.ops.RoutingRule;
import java.util.List;
import java.util.Optional;

/**
 * The tenant's warehouse operations configuration: routing rules, packaging profiles and devices, each written in one
 * transaction with its event (the outbox) and the idempotent response. {@code expectedVersion} 0 creates: the item
 * must not exist yet. A lost race is {@link ConcurrentUpdateException}.
 */
public interface WarehouseOpsStore {
    List<RoutingRule> routingRules(String tenantId);

    void saveRoutingRule(String tenantId, RoutingRule rule, RecordedEvent event, IdempotencyRecord idempotency);

    List<PackagingProfile> packagingProfiles(String tenantId);

    Optional<PackagingProfile> packagingProfile(String tenantId, String profileId);

    void savePackagingProfile(String tenantId, PackagingProfile profile, long expectedVersion, RecordedEvent event, IdempotencyRecord idempotency);

    Optional<Device> device(String tenantId, String deviceId);

    void saveDevice(String tenantId, Device device, long expectedVersion, RecordedEvent event, IdempotencyRecord idempotency);

    /** Every fulfilment connector of the tenant, the deleted ones included. */
    List<FulfilmentConnector> fulfilmentConnectors(String tenantId);

    Optional<FulfilmentConnector> fulfilmentConnector(String tenantId, String connectorId);

    void saveFulfilmentConnector(String tenantId, FulfilmentConnector connector, long expectedVersion, RecordedEvent event, IdempotencyRecord idempotency);

    /** The push of a fulfilment to a connector, once it was made. */
    Optional<ConnectorPush> connectorPush(String tenantId, String connectorId, String fulfillmentId);

    /** Records a push with its event, once: {@code false} when that fulfilment was already pushed to that connector. */
    boolean recordConnectorPush(String tenantId, ConnectorPush push, RecordedEvent event);
}
