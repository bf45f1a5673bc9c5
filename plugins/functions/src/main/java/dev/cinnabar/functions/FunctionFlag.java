package dev.cinnabar.functions;

import java.util.EnumSet;
import java.util.Set;

/** The flags a function may carry, with Redis's names, in the order FUNCTION LIST prints them. */
enum FunctionFlag {
    NO_WRITES("no-writes"),
    ALLOW_OOM("allow-oom"),
    ALLOW_STALE("allow-stale"),
    NO_CLUSTER("no-cluster"),
    ALLOW_CROSS_SLOT_KEYS("allow-cross-slot-keys");

    private final String wireName;

    FunctionFlag(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    /** The flags of these names (engines report them in lower case); null when one is unknown. */
    static EnumSet<FunctionFlag> of(Set<String> names) {
        EnumSet<FunctionFlag> flags = EnumSet.noneOf(FunctionFlag.class);
        for (String n : names) {
            FunctionFlag found = null;
            for (FunctionFlag f : values()) {
                if (f.wireName.equalsIgnoreCase(n)) {
                    found = f;
                }
            }
            if (found == null) {
                return null;
            }
            flags.add(found);
        }
        return flags;
    }
}
