package dev.oms.platform.dynamo;

/** Keys of the warehouse aggregates (seed 003) and of the fulfilment index. */
public final class WarehouseKeys {
    private WarehouseKeys() { }

    /** The tenant's warehouses, one item each ({@code WH#id}): one Query lists them. */
    public static String warehouses(String tenant) { return "T#" + tenant + "#WAREHOUSES"; }

    public static String warehouseSk(String id) { return "WH#" + id; }

    /** A warehouse's own partition: its events, workers and workstations. */
    public static String warehouse(String tenant, String id) { return "T#" + tenant + "#WAREHOUSE#" + id; }

    public static String resourceSk(String kind, String id) { return "R#" + kind + "#" + id; }

    /** GSI1: the tenant's fulfilments, newest first. */
    public static String fulfilments(String tenant) { return "T#" + tenant + "#FULFILMENTS"; }

    /** GSI2 (sparse): the open fulfilments of a warehouse. */
    public static String openFulfilments(String tenant, String warehouseId) { return "T#" + tenant + "#WAREHOUSE#" + warehouseId + "#OPEN_FULFILMENTS"; }

    /** An allocation (one item). */
    public static String allocation(String tenant, String id) { return "T#" + tenant + "#ALLOCATION#" + id; }

    /** The sandbox inventory's stock of a SKU by warehouse, location and lot. */
    public static String sandboxLots(String tenant, String sku) { return "T#" + tenant + "#SANDBOX#LOTS#" + sku; }

    /** A pick list's partition: the pick list ({@code A}) and its events. */
    public static String picklist(String tenant, String id) { return "T#" + tenant + "#PICKLIST#" + id; }
}
