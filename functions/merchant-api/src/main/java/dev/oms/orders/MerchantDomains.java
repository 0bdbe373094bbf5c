package dev.oms.orders;

import dev.oms.app.security.Caller;
import dev.oms.domain.DomainException;
import dev.oms.platform.http.ApiRequest;

/**
 * Seller domains and tenants: a {@code domain_id} is its seller's tenant id, so a domain maps to exactly one tenant
 * by construction and no mapping can go stale or be claimed twice. A caller owns the domain of its own token's tenant;
 * any other domain (and any domain for a customer token) is 404 {@code domain.not_found}, the same answer as a domain
 * that does not exist, so domains cannot be probed. Stores within a domain are the orders' sales {@code channel}
 * ({@code store_id}, set on create, filterable). docs/merchant-api.md explains the choice.
 */
final class MerchantDomains {
    private MerchantDomains() { }

    /** The domain of the request, once the caller is known to own it. */
    static String require(ApiRequest r) {
        String domain = r.pathParam("domainId");
        Caller c = r.caller();
        if (c == null || c.isCustomer() || c.isScopedToOneOrder() || !c.tenantId().equals(domain)) {
            throw DomainException.notFound("domain.not_found", "Domain " + domain + " not found");
        }
        return domain;
    }
}
