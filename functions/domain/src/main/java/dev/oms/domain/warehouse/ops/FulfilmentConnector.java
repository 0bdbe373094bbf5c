package dev.oms.domain.warehouse.ops;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A 3PL, WMS or file-drop (SFTP) fulfilment provider registered for one warehouse (seed 003 section 7): its
 * {@code type}, the {@code adapter} that speaks to it ({@code http} for 3PLs and WMSs, {@code sftp} for file drops,
 * {@code sandbox} for either), the adapter's plain {@code settings} and its {@code secrets} by reference only, and a
 * {@code priority} (lower first). {@code deleted} connectors are gone from the API; their pushes and call log stay.
 */
public record FulfilmentConnector(String id, String name, String type, String adapter, String warehouseId, Map<String, String> settings,
                                  Map<String, String> secrets, int priority, boolean enabled, String status, long version,
                                  Instant createdAt, Instant updatedAt, String updatedBy) {
    public static final String TYPE_3PL = "3pl", TYPE_WMS = "wms", TYPE_FTP = "ftp";
    public static final Set<String> TYPES = Set.of(TYPE_3PL, TYPE_WMS, TYPE_FTP);
    public static final String ACTIVE = "active", DELETED = "deleted";
    public static final int MAX_CONNECTORS = 50;
    public static final int MAX_PRIORITY = 1000;

    public FulfilmentConnector {
        settings = Map.copyOf(settings);
        secrets = Map.copyOf(secrets);
    }

    /** The adapters a type may use, its default first. */
    public static List<String> adapters(String type) {
        return TYPE_FTP.equals(type) ? List.of("sftp", "sandbox") : List.of("http", "sandbox");
    }

    public boolean deleted() { return DELETED.equals(status); }
}
