package dev.oms.domain;

/** Who did something: a person (agent, customer), a service or the system itself. */
public record Actor(String id, String type) {
    public static final Actor SYSTEM = new Actor("system", "system");

    public Actor {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("actor id is required");
        if (type == null || type.isBlank()) throw new IllegalArgumentException("actor type is required");
    }
}
