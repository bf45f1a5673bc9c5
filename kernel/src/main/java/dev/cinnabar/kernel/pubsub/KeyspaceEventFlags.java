package dev.cinnabar.kernel.pubsub;

import static dev.cinnabar.api.keyspace.KeyspaceEvents.*;

/**
 * The {@code notify-keyspace-events} string and its bit set, as Redis's
 * {@code keyspaceEventsStringToFlags} and {@code keyspaceEventsFlagsToString}: CONFIG GET shows
 * the flags in Redis's fixed order ({@code KEA} reads back as {@code AKE}).
 */
public final class KeyspaceEventFlags {

    /** Redis 7.0's error text lists the classes in this (odd) order. */
    public static final String INVALID = "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.";

    private KeyspaceEventFlags() {
    }

    /** The flags of {@code classes}, or -1 when it holds a character that is no class. */
    public static int parse(String classes) {
        int flags = 0;
        for (int i = 0; i < classes.length(); i++) {
            switch (classes.charAt(i)) {
                case 'A' -> flags |= ALL;
                case 'g' -> flags |= GENERIC;
                case '$' -> flags |= STRING;
                case 'l' -> flags |= LIST;
                case 's' -> flags |= SET;
                case 'h' -> flags |= HASH;
                case 'z' -> flags |= ZSET;
                case 'x' -> flags |= EXPIRED;
                case 'e' -> flags |= EVICTED;
                case 'K' -> flags |= KEYSPACE;
                case 'E' -> flags |= KEYEVENT;
                case 't' -> flags |= STREAM;
                case 'm' -> flags |= KEY_MISS;
                case 'd' -> flags |= MODULE;
                case 'n' -> flags |= NEW;
                default -> {
                    return -1;
                }
            }
        }
        return flags;
    }

    /** CONFIG SET's check: null when fine, else Redis's reason. */
    public static String validate(String classes) {
        return parse(classes) < 0 ? INVALID : null;
    }

    /** The normalised form; {@code n} hides behind {@code A} as in Redis 7.0. */
    public static String format(int flags) {
        StringBuilder s = new StringBuilder();
        if ((flags & ALL) == ALL) {
            s.append('A');
        } else {
            appendIf(s, flags, GENERIC, 'g');
            appendIf(s, flags, STRING, '$');
            appendIf(s, flags, LIST, 'l');
            appendIf(s, flags, SET, 's');
            appendIf(s, flags, HASH, 'h');
            appendIf(s, flags, ZSET, 'z');
            appendIf(s, flags, EXPIRED, 'x');
            appendIf(s, flags, EVICTED, 'e');
            appendIf(s, flags, STREAM, 't');
            appendIf(s, flags, MODULE, 'd');
            appendIf(s, flags, NEW, 'n');
        }
        appendIf(s, flags, KEYSPACE, 'K');
        appendIf(s, flags, KEYEVENT, 'E');
        appendIf(s, flags, KEY_MISS, 'm');
        return s.toString();
    }

    private static void appendIf(StringBuilder s, int flags, int flag, char c) {
        if ((flags & flag) != 0) {
            s.append(c);
        }
    }
}
