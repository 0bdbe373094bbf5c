package dev.oms.local.sfn.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A tree of cancellable work: the execution, each Parallel branch, each Map iteration. Cancelling a scope cancels its
 * children and runs the hooks registered on it (which complete waiting futures, cancel timers and interrupt task
 * threads), so nothing keeps waiting for a timer or a task token that no longer matters.
 */
public final class CancellationScope {
    private final CancellationScope parent;
    private final Set<Runnable> hooks = new LinkedHashSet<>();
    private final Set<CancellationScope> children = new LinkedHashSet<>();
    private boolean cancelled;

    private CancellationScope(CancellationScope parent) {
        this.parent = parent;
    }

    public static CancellationScope root() {
        return new CancellationScope(null);
    }

    public CancellationScope child() {
        CancellationScope child = new CancellationScope(this);
        boolean cancelNow;
        synchronized (this) {
            cancelNow = cancelled;
            if (!cancelNow) {
                children.add(child);
            }
        }
        if (cancelNow) {
            child.cancel();
        }
        return child;
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    public void throwIfCancelled() {
        if (isCancelled()) {
            throw new ExecutionCancelledException();
        }
    }

    /**
     * Registers a hook to run on cancellation (at once if already cancelled). Returns the means to remove it once the
     * awaited thing has happened.
     */
    public Runnable onCancel(Runnable hook) {
        boolean runNow;
        synchronized (this) {
            runNow = cancelled;
            if (!runNow) {
                hooks.add(hook);
            }
        }
        if (runNow) {
            hook.run();
        }
        return () -> {
            synchronized (this) {
                hooks.remove(hook);
            }
        };
    }

    public void cancel() {
        List<Runnable> toRun;
        List<CancellationScope> toCancel;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = new ArrayList<>(hooks);
            toCancel = new ArrayList<>(children);
            hooks.clear();
            children.clear();
        }
        toCancel.forEach(CancellationScope::cancel);
        toRun.forEach(Runnable::run);
    }

    /** Detaches a finished child scope from its parent, so long executions do not accumulate them. */
    public void close() {
        if (parent != null) {
            synchronized (parent) {
                parent.children.remove(this);
            }
        }
    }
}
