package dev.oms.platform.dynamo;

/**
 * Keys of the warehouse operations configuration: every routing rule, packaging profile, device and fulfilment
 * connector of a tenant in one partition {@code T#{tenant}#WHOPS} (one Query lists a kind: {@code SK} begins with
 * {@code RULE#}, {@code PROFILE#}, {@code DEVICE#} or {@code FCONN#}), with the connectors' pushes
 * ({@code FCONN_PUSH#{connector}#{fulfilment}}); the events of each one under its own partition {@code T#{tenant}#WHOPS#{KIND}#{id}}.
 */
public final class WarehouseOpsKeys {
    public static final String RULE = "RULE#", PROFILE = "PROFILE#", DEVICE = "DEVICE#", CONNECTOR = "FCONN#", PUSH = "FCONN_PUSH#";

    private WarehouseOpsKeys() { }

    public static String config(String tenant) { return "T#" + tenant + "#WHOPS"; }

    public static String sk(String kind, String id) { return kind + id; }

    public static String events(String tenant, String kind, String id) { return config(tenant) + "#" + kind + id; }
}
