package dev.oms.platform.views;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.app.port.OrderSettingsStore.Versioned;
import dev.oms.domain.settings.Capabilities;
import dev.oms.platform.json.Json;
import dev.oms.domain.settings.Policy;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The tenant's capabilities (schema {@code OrderCapabilities}): each feature with its source, and the connectors. */
public final class CapabilityViews {
    private CapabilityViews() { }

    /** The types of the enabled policies among the tenant's. */
    public static Set<String> enabled(List<Policy> policies) {
        return policies.stream().filter(Policy::enabled).map(Policy::type).collect(Collectors.toSet());
    }

    /** From the tenant's settings and the types of its enabled policies. */
    public static ObjectNode capabilities(Versioned settings, Set<String> enabledPolicies) {
        ObjectNode o = Json.object();
        ArrayNode features = o.putArray("features");
        for (Capabilities.Capability c : Capabilities.of(settings.settings(), enabledPolicies)) {
            ObjectNode f = features.addObject();
            f.put("name", c.name());
            f.put("enabled", c.enabled());
            f.put("source", c.source());
            f.put("detail", c.detail());
        }
        ArrayNode connectors = o.putArray("connectors");
        for (Capabilities.Connector c : Capabilities.CONNECTORS) connectors.addObject().put("kind", c.kind()).put("adapter", c.adapter());
        o.put("settings_version", settings.version());
        return o;
    }
}
