package dev.cinnabar.commands.sorted.sets;

import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.api.keyspace.KeyspaceEvents;

import java.util.Arrays;

/**
 * An ordered run of (member, score) pairs a command collected, and the two ways Redis hands
 * them on: as a reply (scores optional, RESP3 pairs) or stored under a destination key.
 */
final class Entries implements ZSetStore.EntryVisitor {

    private byte[][] members = new byte[8][];
    private double[] scores = new double[8];
    private int size;
    private int maxMemberLength;

    @Override
    public boolean visit(byte[] member, double score) {
        add(member, score);
        return true;
    }

    void add(byte[] member, double score) {
        if (size == members.length) {
            members = Arrays.copyOf(members, size * 2);
            scores = Arrays.copyOf(scores, size * 2);
        }
        members[size] = member;
        scores[size] = score;
        size++;
        maxMemberLength = Math.max(maxMemberLength, member.length);
    }

    int size() {
        return size;
    }

    byte[] member(int i) {
        return members[i];
    }

    double score(int i) {
        return scores[i];
    }

    /** Replies as ZRANGE does: members, with scores flat in RESP2 and as pairs in RESP3. */
    void reply(ReplySink reply, boolean withScores) {
        if (!withScores) {
            reply.array(size);
            for (int i = 0; i < size; i++) {
                reply.bulk(members[i]);
            }
            return;
        }
        boolean pairs = reply.protocol() > 2;
        reply.array(pairs ? size : size * 2);
        for (int i = 0; i < size; i++) {
            if (pairs) {
                reply.array(2);
            }
            reply.bulk(members[i]);
            reply.doubleValue(scores[i]);
        }
    }

    /**
     * Stores the entries as a new sorted set under {@code dst} (deleting it when there are none),
     * in the encoding Redis picks for a freshly built set; returns the size.
     */
    int store(CommandContext ctx, byte[] dst) {
        Database db = ctx.db();
        if (size == 0) {
            if (db.delete(dst)) {
                db.notifyKeyspaceEvent(KeyspaceEvents.GENERIC, "del", dst);
            }
            return 0;
        }
        SortedSet.Limits limits = SortedSet.Limits.of(ctx);
        SortedSet zset = SortedSet.sized(limits, size, maxMemberLength);
        ZSetStore store = zset.store();
        for (int i = 0; i < size; i++) {
            store.insert(members[i], scores[i]);
        }
        db.set(dst, zset);
        // the event is the command's name: zunionstore, zinterstore, zdiffstore, zrangestore
        db.notifyKeyspaceEvent(KeyspaceEvents.ZSET, ctx.commandName(), dst);
        return size;
    }
}
