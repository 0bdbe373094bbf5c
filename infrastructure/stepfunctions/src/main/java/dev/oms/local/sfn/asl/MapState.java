package dev.oms.local.sfn.asl;

import dev.oms.local.sfn.paths.PayloadTemplate;
import java.util.List;

/**
 * A Map state (inline processing): runs {@code ItemProcessor} (or the legacy {@code Iterator}) once per item of the
 * array selected by {@code ItemsPath}, at most {@code MaxConcurrency} at a time (0 = no limit).
 */
public final class MapState extends State {
    private final StateMachineDefinition itemProcessor;
    private final String itemsPath;
    private final PayloadTemplate itemSelector;
    private final int maxConcurrency;
    private final String maxConcurrencyPath;

    public MapState(String name, String comment, String next, Io io, List<Retrier> retriers, List<Catcher> catchers,
                    StateMachineDefinition itemProcessor, String itemsPath, PayloadTemplate itemSelector,
                    int maxConcurrency, String maxConcurrencyPath) {
        super(name, comment, next, io, retriers, catchers);
        this.itemProcessor = itemProcessor;
        this.itemsPath = itemsPath;
        this.itemSelector = itemSelector;
        this.maxConcurrency = maxConcurrency;
        this.maxConcurrencyPath = maxConcurrencyPath;
    }

    @Override
    public StateType type() {
        return StateType.Map;
    }

    public StateMachineDefinition itemProcessor() {
        return itemProcessor;
    }

    public String itemsPath() {
        return itemsPath;
    }

    /** {@code ItemSelector}, or the legacy {@code Parameters} of a Map state; null when neither is set. */
    public PayloadTemplate itemSelector() {
        return itemSelector;
    }

    public int maxConcurrency() {
        return maxConcurrency;
    }

    public String maxConcurrencyPath() {
        return maxConcurrencyPath;
    }
}
