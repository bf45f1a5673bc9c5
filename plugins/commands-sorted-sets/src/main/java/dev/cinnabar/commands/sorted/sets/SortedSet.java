package dev.cinnabar.commands.sorted.sets;

import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.keyspace.Numbers;
import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.keyspace.ValueDigest;
import dev.cinnabar.api.keyspace.ValueType;

import java.nio.charset.StandardCharsets;

/**
 * A sorted-set value: {@code listpack} while small, {@code skiplist} once it passes
 * {@code zset-max-listpack-entries} or a member passes {@code zset-max-listpack-value}; never
 * back (Redis converts one way only, except when a STORE command builds a fresh set).
 */
public final class SortedSet implements RedisValue {

    private ZSetStore store;

    private SortedSet(ZSetStore store) {
        this.store = store;
    }

    /** An empty set in the encoding Redis's ZADD would create for a first member of {@code firstMemberLength} bytes. */
    static SortedSet create(Limits limits, int firstMemberLength) {
        if (limits.maxEntries() == 0 || firstMemberLength > limits.maxValue()) {
            return new SortedSet(new SkiplistStore());
        }
        return new SortedSet(new ListpackStore(4));
    }

    /** An empty set in the encoding that suits {@code size} elements of at most {@code maxMemberLength} bytes. */
    static SortedSet sized(Limits limits, int size, int maxMemberLength) {
        if (size > limits.maxEntries() || maxMemberLength > limits.maxValue()) {
            return new SortedSet(new SkiplistStore());
        }
        return new SortedSet(new ListpackStore(size));
    }

    ZSetStore store() {
        return store;
    }

    boolean isListpack() {
        return store instanceof ListpackStore;
    }

    public int size() {
        return store.size();
    }

    /** The member's score, NaN when absent. */
    double score(byte[] member) {
        return store.score(member);
    }

    /**
     * Adds an absent member, converting to a skiplist first when the listpack limits say so
     * (read only for a listpack: the skiplist path stays free of config lookups).
     */
    void insert(byte[] member, double score, CommandContext ctx) {
        if (store instanceof ListpackStore) {
            Limits limits = Limits.of(ctx);
            if (store.size() + 1 > limits.maxEntries() || member.length > limits.maxValue()) {
                convertToSkiplist();
            }
        }
        store.insert(member, score);
    }

    void updateScore(byte[] member, double oldScore, double newScore) {
        store.updateScore(member, oldScore, newScore);
    }

    private void convertToSkiplist() {
        SkiplistStore big = new SkiplistStore();
        store.visit(0, false, (m, s) -> {
            big.insert(m, s);
            return true;
        });
        store = big;
    }

    @Override
    public ValueType type() {
        return ValueType.ZSET;
    }

    @Override
    public String encoding() {
        return isListpack() ? "listpack" : "skiplist";
    }

    @Override
    public RedisValue copy() {
        ZSetStore fresh = isListpack() ? new ListpackStore(store.size()) : new SkiplistStore();
        if (fresh instanceof ListpackStore lp) {
            store.visit(0, false, (m, s) -> {
                lp.append(m.clone(), s);
                return true;
            });
        } else if (store.size() > 0) {
            store.visit(0, false, (m, s) -> {
                fresh.insert(m.clone(), s);
                return true;
            });
        }
        return new SortedSet(fresh);
    }

    @Override
    public void digest(ValueDigest digest) {
        if (store.size() == 0) {
            return;
        }
        // debug.c mixes each member with its score printed as %.17g, xor-combined
        store.visit(0, false, (m, s) -> {
            digest.unordered(m, Numbers.formatDouble(s).getBytes(StandardCharsets.US_ASCII));
            return true;
        });
    }

    @Override
    public long memoryUsage() {
        return 16 + store.memoryUsage();
    }

    /** The listpack thresholds in force for one command. */
    record Limits(long maxEntries, long maxValue) {
        static Limits of(CommandContext ctx) {
            return new Limits(ctx.config().getLong("zset-max-listpack-entries"),
                    ctx.config().getLong("zset-max-listpack-value"));
        }
    }
}
