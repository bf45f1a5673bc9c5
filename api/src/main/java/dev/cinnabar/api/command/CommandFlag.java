package dev.cinnabar.api.command;

/**
 * Command flags, as {@code COMMAND INFO} lists them (in this order). The kernel acts on several:
 * {@link #NOSCRIPT} commands are refused inside scripts, {@link #NO_AUTH} ones run before
 * {@code AUTH}, {@link #NO_MULTI} ones are refused inside {@code MULTI}, {@link #WRITE} ones are
 * refused in read-only contexts, {@link #DENYOOM} ones past {@code maxmemory}, {@link #ALLOW_BUSY}
 * ones run while a script is busy, {@link #LOADING} ones while the dataset loads.
 */
public enum CommandFlag {
    WRITE("write"),
    READONLY("readonly"),
    DENYOOM("denyoom"),
    MODULE("module"),
    ADMIN("admin"),
    PUBSUB("pubsub"),
    NOSCRIPT("noscript"),
    BLOCKING("blocking"),
    LOADING("loading"),
    STALE("stale"),
    SKIP_MONITOR("skip_monitor"),
    SKIP_SLOWLOG("skip_slowlog"),
    ASKING("asking"),
    FAST("fast"),
    NO_AUTH("no_auth"),
    NO_MANDATORY_KEYS("no_mandatory_keys"),
    NO_ASYNC_LOADING("no_async_loading"),
    NO_MULTI("no_multi"),
    MOVABLEKEYS("movablekeys"),
    ALLOW_BUSY("allow_busy");

    private final String wireName;

    CommandFlag(String wireName) {
        this.wireName = wireName;
    }

    /** The name {@code COMMAND INFO} uses. */
    public String wireName() {
        return wireName;
    }

    /** The flag with this wire name, or {@code null}. */
    public static CommandFlag fromWireName(String name) {
        for (CommandFlag f : values()) {
            if (f.wireName.equals(name)) {
                return f;
            }
        }
        return null;
    }
}
