package dev.oms.platform.connectors.easypost;

import com.easypost.exception.EasyPostException;
import com.easypost.service.EasyPostClient;
import dev.oms.app.connector.ConnectorException;
import dev.oms.app.connector.registry.ConnectorConfig;
import dev.oms.app.connector.registry.ConnectorPort;
import dev.oms.domain.order.Address;
import dev.oms.platform.config.Env;
import dev.oms.platform.connectors.registry.ConnectorAdapterProvider;
import java.util.Set;

/**
 * The {@code easypost} adapter of the carrier port. Settings: {@code api_base} (default {@code https://api.easypost.com};
 * http://localhost only where {@code CONNECTOR_ALLOW_LOCALHOST} is set), {@code label_format} ({@code PDF}, {@code ZPL}
 * or {@code PNG}; default PDF), {@code from_address} ({@code name|street|city|postal code|country}; default the
 * function's {@code LABEL_SHIP_FROM}), {@code timeout_ms} (default 15000), {@code verify_addresses} ({@code strict},
 * the default: EasyPost verifies the customer's address before a label is bought; or {@code off}); secret
 * {@code api_key}.
 */
public final class EasyPostAdapterProvider implements ConnectorAdapterProvider {
    public static final String DEFAULT_API_BASE = "https://api.easypost.com";
    static final String DEFAULT_FROM = "OMS Fulfilment Centre|1 Dock Road|London|E16 2AA|GB";

    @Override
    public String adapter() { return EasyPostCarrier.ADAPTER; }

    @Override
    public Set<ConnectorPort> ports() { return Set.of(ConnectorPort.CARRIER); }

    @Override
    public Object create(ConnectorPort port, ConnectorConfig config, Environment environment) {
        String base = config.setting("api_base", DEFAULT_API_BASE);
        dev.oms.platform.connectors.vendors.VendorUrls.check("carrier", base, environment.allowLocalhost());
        int timeout = Integer.parseInt(config.setting("timeout_ms", "15000"));
        try {
            EasyPostClient client = new EasyPostClient(environment.secrets().get(config.secrets().get("api_key")),
                    Math.min(timeout, 5000), timeout, base);
            return new EasyPostCarrier(client, environment.labelPurchases(), environment.documents().get(),
                    address(config.setting("from_address", Env.get("LABEL_SHIP_FROM", DEFAULT_FROM))), config.setting("label_format", "PDF"),
                    !"off".equals(config.setting("verify_addresses", "strict")));
        } catch (EasyPostException e) {
            throw new ConnectorException("carrier", "configure", "EasyPost client: " + e.getClass().getSimpleName());
        }
    }

    static Address address(String spec) {
        String[] p = spec.split("\\|", -1);
        if (p.length != 5) throw new ConnectorException("carrier", "configure", "from_address must be name|street|city|postal code|country");
        return new Address(p[0], null, p[1], null, p[2], null, p[3], p[4], null, null);
    }
}
