package dev.cinnabar.api.keyspace;

/** The Redis data types, with the name {@code TYPE} replies and {@code SCAN ... TYPE} matches. */
public enum ValueType {
    STRING("string"),
    LIST("list"),
    SET("set"),
    ZSET("zset"),
    HASH("hash"),
    STREAM("stream");

    private final String wireName;

    ValueType(String wireName) {
        this.wireName = wireName;
    }

    /** The lower-case name Redis uses on the wire. */
    public String wireName() {
        return wireName;
    }
}
