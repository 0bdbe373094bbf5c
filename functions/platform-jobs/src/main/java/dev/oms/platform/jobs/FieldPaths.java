package dev.oms.platform.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.platform.json.Json;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Paths into an order body, as import mappings name them: {@code external_reference}, {@code shipping_address.city},
 * {@code items[0].unit_price.amount}, {@code metadata.gift}. Values read from CSV cells are strings; leaves that the
 * order body wants as integers ({@code quantity}, {@code amount}, {@code tax_rate_bps}) become numbers when they are
 * integers, and stay strings (to be refused by validation, with the field's path) when not.
 */
public final class FieldPaths {
    public static final int MAX_INDEX = 199;
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_-]{1,64}(\\[\\d{1,3}])?(\\.[A-Za-z0-9_-]{1,64}(\\[\\d{1,3}])?){0,4}");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
    private static final Set<String> INTEGER_LEAVES = Set.of("quantity", "amount", "tax_rate_bps");

    private FieldPaths() { }

    /** A well-formed path of at most five segments with indexes up to {@link #MAX_INDEX}. */
    public static boolean isValid(String path) {
        if (path == null || !PATH.matcher(path).matches()) return false;
        for (String segment : path.split("\\.")) if (index(segment) > MAX_INDEX) return false;
        return true;
    }

    /** The first segment's field name ({@code items} for {@code items[0].sku}). */
    public static String root(String path) { return name(path.split("\\.")[0]); }

    /** Sets a CSV cell's text at the path, creating objects and arrays on the way. */
    public static void setText(ObjectNode root, String path, String text) {
        String leaf = name(path.substring(path.lastIndexOf('.') + 1));
        JsonNode value = INTEGER_LEAVES.contains(leaf) && INTEGER.matcher(text).matches()
                ? Json.valueToTree(Long.parseLong(text)) : Json.valueToTree(text);
        set(root, path, value);
    }

    public static void set(ObjectNode root, String path, JsonNode value) {
        String[] segments = path.split("\\.");
        JsonNode current = root;
        for (int i = 0; i < segments.length; i++) {
            boolean last = i == segments.length - 1;
            String name = name(segments[i]);
            int index = index(segments[i]);
            ObjectNode parent = (ObjectNode) current;
            if (index < 0) {
                if (last) { parent.set(name, value); return; }
                current = child(parent, name);
            } else {
                ArrayNode array = parent.get(name) instanceof ArrayNode a ? a : parent.putArray(name);
                while (array.size() <= index) array.addObject();
                if (last) { array.set(index, value); return; }
                current = array.get(index);
            }
        }
    }

    /** The value at the path, or null. */
    public static JsonNode get(JsonNode root, String path) {
        JsonNode current = root;
        for (String segment : path.split("\\.")) {
            if (current == null) return null;
            current = current.get(name(segment));
            int index = index(segment);
            if (index >= 0) current = current == null ? null : current.get(index);
        }
        return current == null || current.isMissingNode() ? null : current;
    }

    /**
     * Removes the value at a path without indexes (how a renamed NDJSON field leaves its old place), and the objects
     * it leaves empty.
     */
    public static void remove(ObjectNode root, String path) {
        int dot = path.lastIndexOf('.');
        JsonNode parent = dot < 0 ? root : get(root, path.substring(0, dot));
        if (!(parent instanceof ObjectNode o)) return;
        o.remove(name(path.substring(dot + 1)));
        if (o.isEmpty() && dot > 0) remove(root, path.substring(0, dot));
    }

    private static ObjectNode child(ObjectNode parent, String name) {
        return parent.get(name) instanceof ObjectNode o ? o : parent.putObject(name);
    }

    private static String name(String segment) {
        int b = segment.indexOf('[');
        return b < 0 ? segment : segment.substring(0, b);
    }

    private static int index(String segment) {
        int b = segment.indexOf('[');
        return b < 0 ? -1 : Integer.parseInt(segment.substring(b + 1, segment.length() - 1));
    }
}
