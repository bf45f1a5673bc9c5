package dev.cinnabar.commands.strings;

import dev.cinnabar.api.command.Arguments;
import dev.cinnabar.api.command.CommandContext;
import dev.cinnabar.api.command.CommandException;
import dev.cinnabar.api.command.CommandRegistrar;
import dev.cinnabar.api.keyspace.Database;
import dev.cinnabar.api.keyspace.RedisValue;
import dev.cinnabar.api.keyspace.StringValue;
import dev.cinnabar.api.reply.ReplySink;
import dev.cinnabar.api.keyspace.KeyspaceEvents;

/** {@code SETBIT}, {@code GETBIT}, {@code BITCOUNT}, {@code BITPOS}, {@code BITOP} as in Redis 7.0's {@code bitops.c}. */
final class BitCommands {

    private BitCommands() {
    }

    static void register(CommandRegistrar r) {
        r.redisCommand("setbit", BitCommands::setbit);
        r.redisCommand("getbit", BitCommands::getbit);
        r.redisCommand("bitcount", BitCommands::bitcount);
        r.redisCommand("bitpos", BitCommands::bitpos);
        r.redisCommand("bitop", BitCommands::bitop);
    }

    private static void setbit(CommandContext ctx, Arguments args, ReplySink reply) {
        long offset = BitOffsets.parse(ctx, args.get(2), false, 0);
        long on = args.longValue(3, StringErrors.BIT_VALUE);
        if ((on & ~1L) != 0) {
            throw new CommandException(StringErrors.BIT_VALUE);
        }
        BitOffsets.Target target = BitOffsets.lookupForWrite(ctx, args.get(1), offset);
        byte[] b = target.value().array();
        int index = (int) (offset >> 3);
        int bit = 7 - (int) (offset & 7);
        int old = (b[index] >> bit) & 1;
        // setbitCommand (7.0): a new or lengthened string, or a bit that flips, is one change;
        // setting a bit to what it is changes nothing (no event, no WATCH, no count)
        if (target.grown() || old != on) {
            b[index] = (byte) ((b[index] & ~(1 << bit)) | ((int) on << bit));
            ctx.db().modified(args.get(1));
            ctx.db().notifyKeyspaceEvent(KeyspaceEvents.STRING, "setbit", args.get(1));
            ctx.countChanges(1); // a string the lookup created was set, then modified: still one
        }
        reply.integer(old);
    }

    private static void getbit(CommandContext ctx, Arguments args, ReplySink reply) {
        long offset = BitOffsets.parse(ctx, args.get(2), false, 0);
        StringValue v = ctx.db().getString(args.get(1));
        long index = offset >> 3;
        if (v == null || index >= v.length()) {
            reply.integer(0);
            return;
        }
        int bit = 7 - (int) (offset & 7);
        reply.integer((v.array()[(int) index] >> bit) & 1);
    }

    /** A range of a string in bytes, with masks for the bits of the edge bytes outside a BIT range. */
    private static final class Range {
        long start;
        long end;
        int firstByteNegMask;
        int lastByteNegMask;

        static Range whole(long strlen) {
            Range r = new Range();
            r.start = 0;
            r.end = strlen - 1;
            return r;
        }
    }

    /**
     * Redis's index normalisation for BITCOUNT/BITPOS: negative indexes from the end, clamped;
     * in BIT mode the edges become byte indexes plus masks of the bits to leave out.
     */
    private static Range normalize(long start, long end, long strlen, boolean isBit) {
        Range r = new Range();
        long totlen = isBit ? strlen << 3 : strlen;
        if (start < 0) {
            start = totlen + start;
        }
        if (end < 0) {
            end = totlen + end;
        }
        if (start < 0) {
            start = 0;
        }
        if (end < 0) {
            end = 0;
        }
        if (end >= totlen) {
            end = totlen - 1;
        }
        if (isBit && start <= end) {
            r.firstByteNegMask = ~((1 << (8 - (int) (start & 7))) - 1) & 0xFF;
            r.lastByteNegMask = (1 << (7 - (int) (end & 7))) - 1;
            start >>= 3;
            end >>= 3;
        }
        r.start = start;
        r.end = end;
        return r;
    }

    private static boolean isBitUnit(byte[] arg) {
        if (Arguments.isKeyword(arg, "bit")) {
            return true;
        }
        if (Arguments.isKeyword(arg, "byte")) {
            return false;
        }
        throw CommandException.syntax();
    }

    private static void bitcount(CommandContext ctx, Arguments args, ReplySink reply) {
        // Redis 7.0 looks the key up before it reads the range: a missing key counts 0 whatever follows
        StringValue v = ctx.db().getString(args.get(1));
        if (v == null) {
            reply.integer(0);
            return;
        }
        int argc = args.count();
        long strlen = v.length();
        Range range;
        if (argc == 4 || argc == 5) {
            long start = args.longValue(2);
            long end = args.longValue(3);
            if (start < 0 && end < 0 && start > end) {
                reply.integer(0);
                return;
            }
            boolean isBit = argc == 5 && isBitUnit(args.get(4));
            range = normalize(start, end, strlen, isBit);
        } else if (argc == 2) {
            range = Range.whole(strlen);
        } else {
            throw CommandException.syntax();
        }
        if (range.start > range.end) {
            reply.integer(0);
            return;
        }
        byte[] p = v.array();
        int s = (int) range.start;
        int e = (int) range.end;
        long count = 0;
        for (int i = s; i <= e; i++) {
            count += Integer.bitCount(p[i] & 0xFF);
        }
        if (range.firstByteNegMask != 0) {
            count -= Integer.bitCount(p[s] & range.firstByteNegMask);
        }
        if (range.lastByteNegMask != 0) {
            count -= Integer.bitCount(p[e] & range.lastByteNegMask);
        }
        reply.integer(count);
    }

    private static void bitpos(CommandContext ctx, Arguments args, ReplySink reply) {
        long bit = args.longValue(2);
        if (bit != 0 && bit != 1) {
            throw new CommandException(StringErrors.BIT_ARGUMENT);
        }
        StringValue v = ctx.db().getString(args.get(1));
        if (v == null) {
            // a missing key is an endless run of zero bits
            reply.integer(bit == 1 ? -1 : 0);
            return;
        }
        int argc = args.count();
        long strlen = v.length();
        boolean endGiven = false;
        Range range;
        if (argc == 4 || argc == 5 || argc == 6) {
            long start = args.longValue(3);
            boolean isBit = argc == 6 && isBitUnit(args.get(5));
            long end;
            if (argc >= 5) {
                end = args.longValue(4);
                endGiven = true;
            } else {
                end = isBit ? (strlen << 3) + 7 : strlen - 1;
            }
            range = normalize(start, end, strlen, isBit);
        } else if (argc == 3) {
            range = Range.whole(strlen);
        } else {
            throw CommandException.syntax();
        }
        if (range.start > range.end) {
            reply.integer(-1);
            return;
        }
        reply.integer(findBit(v.array(), range, (int) bit, endGiven));
    }

    /** The search of Redis's bitposCommand, edge bytes masked, with its quirks kept. */
    private static long findBit(byte[] p, Range range, int bit, boolean endGiven) {
        long start = range.start;
        long bytes = range.end - range.start + 1;
        int first = range.firstByteNegMask;
        int last = range.lastByteNegMask;
        long pos;
        found:
        {
            if (first != 0) {
                int tmp = bit == 1 ? p[(int) start] & ~first & 0xFF : (p[(int) start] | first) & 0xFF;
                if (last != 0 && bytes == 1) {
                    tmp = bit == 1 ? tmp & ~last & 0xFF : (tmp | last) & 0xFF;
                }
                pos = bitpos(new byte[] {(byte) tmp}, 0, 1, bit);
                if (bytes == 1 || (pos != -1 && pos != 8)) {
                    break found;
                }
                start++;
                bytes--;
            }
            long curBytes = bytes - (last != 0 ? 1 : 0);
            if (curBytes > 0) {
                pos = bitpos(p, (int) start, (int) curBytes, bit);
                if (bytes == curBytes || (pos != -1 && pos != curBytes << 3)) {
                    break found;
                }
                start += curBytes;
                bytes -= curBytes;
            }
            int endByte = p[(int) range.end] & 0xFF;
            int tmp = bit == 1 ? endByte & ~last & 0xFF : (endByte | last) & 0xFF;
            pos = bitpos(new byte[] {(byte) tmp}, 0, 1, bit);
        }
        if (endGiven && bit == 0 && pos == bytes << 3) {
            return -1;
        }
        if (pos != -1) {
            pos += start << 3;
        }
        return pos;
    }

    /**
     * Redis's {@code redisBitpos}: the first bit equal to {@code bit} in {@code count} bytes; when
     * looking for a 0 in all-ones bytes, the bit right after them ({@code count * 8}); when
     * looking for a 1 in all-zero bytes, -1.
     */
    private static long bitpos(byte[] p, int from, int count, int bit) {
        int skip = bit == 1 ? 0 : 0xFF;
        for (int i = 0; i < count; i++) {
            int b = p[from + i] & 0xFF;
            if (b != skip) {
                int x = bit == 1 ? b : ~b & 0xFF;
                return ((long) i << 3) + Integer.numberOfLeadingZeros(x) - 24;
            }
        }
        return bit == 1 ? -1 : (long) count << 3;
    }

    private static void bitop(CommandContext ctx, Arguments args, ReplySink reply) {
        byte[] opName = args.get(1);
        int op;
        if (Arguments.isKeyword(opName, "and")) {
            op = 0;
        } else if (Arguments.isKeyword(opName, "or")) {
            op = 1;
        } else if (Arguments.isKeyword(opName, "xor")) {
            op = 2;
        } else if (Arguments.isKeyword(opName, "not")) {
            op = 3;
        } else {
            throw CommandException.syntax();
        }
        int argc = args.count();
        if (op == 3 && argc != 4) {
            throw new CommandException(StringErrors.BITOP_NOT_ONE_KEY);
        }
        Database db = ctx.db();
        int n = argc - 3;
        byte[][] src = new byte[n][];
        int[] len = new int[n];
        int maxLen = 0;
        for (int j = 0; j < n; j++) {
            RedisValue o = db.lookupRead(args.get(j + 3));
            if (o == null) {
                continue;
            }
            if (!(o instanceof StringValue s)) {
                throw CommandException.wrongType();
            }
            src[j] = s.array();
            len[j] = s.length();
            maxLen = Math.max(maxLen, len[j]);
        }
        byte[] targetKey = args.get(2);
        if (maxLen == 0) {
            if (db.delete(targetKey)) {
                db.notifyKeyspaceEvent(KeyspaceEvents.GENERIC, "del", targetKey);
            }
            reply.integer(0);
            return;
        }
        byte[] res = new byte[maxLen];
        for (int i = 0; i < maxLen; i++) {
            int out = len[0] <= i ? 0 : src[0][i] & 0xFF;
            if (op == 3) {
                out = ~out & 0xFF;
            }
            for (int j = 1; j < n; j++) {
                int b = len[j] <= i ? 0 : src[j][i] & 0xFF;
                switch (op) {
                    case 0 -> out &= b;
                    case 1 -> out |= b;
                    default -> out ^= b;
                }
            }
            res[i] = (byte) out;
        }
        db.set(targetKey, StringValue.raw(res));
        db.notifyKeyspaceEvent(KeyspaceEvents.STRING, "set", targetKey);
        reply.integer(maxLen);
    }
}
