package dev.oms.platform.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An endpoint group's routes by route key. */
public final class Routes {
    private final Map<String, Route> byKey = new LinkedHashMap<>();

    private Routes(List<Route> routes) {
        for (Route r : routes) {
            if (byKey.put(r.key(), r) != null) throw new IllegalStateException("duplicate route " + r.key());
        }
    }

    public static Routes of(Route... routes) { return new Routes(List.of(routes)); }

    public Route find(String routeKey) { return byKey.get(routeKey); }

    public List<Route> all() { return List.copyOf(byKey.values()); }

    /** Matches a concrete method and path against the templates, for callers that have no route key. */
    public Route match(String method, String path) {
        Route best = null;
        for (Route r : byKey.values()) {
            if (r.method().equals(method) && PathTemplate.matches(r.path(), path)
                    && (best == null || PathTemplate.specificity(r.path()) > PathTemplate.specificity(best.path()))) {
                best = r;
            }
        }
        return best;
    }

    /** The first route whose template matches the path, whatever its method (to answer 405 with the allowed ones). */
    public Route matchAnyMethod(String path) {
        for (Route r : byKey.values()) if (PathTemplate.matches(r.path(), path)) return r;
        return null;
    }

    /** The methods of the routes whose template matches the path, sorted. */
    public java.util.SortedSet<String> methodsOf(String path) {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        for (Route r : byKey.values()) if (PathTemplate.matches(r.path(), path)) out.add(r.method());
        return out;
    }
}
