package dev.cinnabar.commands.lists;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.api.keyspace.KeyspaceEvents;

/** What the list commands share: typed lookups, LEFT/RIGHT, range replies, deleting emptied lists. */
final class Lists {

    private Lists() {
    }

    /** The list under {@code key} for reading (hit/miss statistics); null when missing; WRONGTYPE otherwise. */
    static ListValue read(Database db, byte[] key) {
        RedisValue v = db.lookupRead(key);
        if (v == null || v instanceof ListValue) {
            return (ListValue) v;
        }
        throw CommandException.wrongType();
    }

    /** The list under {@code key} for writing; null when missing; WRONGTYPE otherwise. */
    static ListValue write(Database db, byte[] key) {
        return db.lookupWrite(key, ListValue.class);
    }

    /** {@code LEFT} (true) or {@code RIGHT} (false), any case; else a syntax error. */
    static boolean left(Arguments args, int i) {
        if (args.is(i, "left")) {
            return true;
        }
        if (args.is(i, "right")) {
            return false;
        }
        throw CommandException.syntax();
    }

    /**
     * After removing elements: publishes {@code event}, then Redis deletes a list that became
     * empty (with a {@code del} event), else the key was modified.
     */
    static void removed(Database db, byte[] key, ListValue list, String event) {
        if (list.isEmpty()) {
            db.delete(key);
            db.notifyKeyspaceEvent(KeyspaceEvents.LIST, event, key);
            db.notifyKeyspaceEvent(KeyspaceEvents.GENERIC, "del", key);
        } else {
            db.modified(key);
            db.notifyKeyspaceEvent(KeyspaceEvents.LIST, event, key);
        }
    }

    /** The event of a pop from that end. */
    static String popEvent(boolean left) {
        return left ? "lpop" : "rpop";
    }

    /** The event of a push onto that end. */
    static String pushEvent(boolean left) {
        return left ? "lpush" : "rpush";
    }

    /**
     * Replies the elements {@code start..end} with Redis's index rules (negative from the tail,
     * clamped; an empty array when the range is empty), in reverse order when {@code reverse}
     * ({@code addListRangeReply}).
     */
    static void replyRange(ReplySink reply, ListValue list, long start, long end, boolean reverse) {
        long llen = list.size();
        if (start < 0) {
            start = llen + start;
        }
        if (end < 0) {
            end = llen + end;
        }
        if (start < 0) {
            start = 0;
        }
        if (start > end || start >= llen) {
            reply.array(0);
            return;
        }
        if (end >= llen) {
            end = llen - 1;
        }
        int from = (int) start;
        int to = (int) end;
        reply.array(to - from + 1);
        if (reverse) {
            for (int i = to; i >= from; i--) {
                reply.bulk(list.get(i));
            }
        } else {
            for (int i = from; i <= to; i++) {
                reply.bulk(list.get(i));
            }
        }
    }

    /**
     * Pops up to {@code count} elements from one end and replies them as an array, head first
     * for LEFT and tail first for RIGHT; deletes the list when emptied.
     */
    static void popRange(Database db, byte[] key, ListValue list, boolean left, long count, ReplySink reply) {
        int n = (int) Math.min(count, list.size());
        reply.array(n);
        for (int i = 0; i < n; i++) {
            reply.bulk(list.remove(left));
        }
        removed(db, key, list, popEvent(left));
    }

    /**
     * Pushes {@code element}, creating the list when {@code list} is null (with {@code fill}, the
     * {@code list-max-listpack-size} of the new list); returns the list.
     */
    static ListValue push(Database db, byte[] key, ListValue list, boolean left, byte[] element, int fill) {
        if (list == null) {
            list = new ListValue(fill);
            list.add(left, element);
            db.set(key, list);
        } else {
            list.add(left, element);
            db.modified(key);
        }
        db.notifyKeyspaceEvent(KeyspaceEvents.LIST, pushEvent(left), key);
        return list;
    }
}
