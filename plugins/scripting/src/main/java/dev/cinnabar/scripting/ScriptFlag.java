package dev.cinnabar.scripting;

/** The flags a shebang may set, with Redis's names. */
enum ScriptFlag {
    NO_WRITES("no-writes"),
    ALLOW_OOM("allow-oom"),
    ALLOW_STALE("allow-stale"),
    NO_CLUSTER("no-cluster"),
    ALLOW_CROSS_SLOT_KEYS("allow-cross-slot-keys");

    private final String wireName;

    ScriptFlag(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    /** The flag of that exact (case-sensitive) name, or null. */
    static ScriptFlag byName(String name) {
        for (ScriptFlag f : values()) {
            if (f.wireName.equals(name)) {
                return f;
            }
        }
        return null;
    }
}
